package io.cloudpro.platform.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the client address honest. At start-up it refuses trusted proxies that would need a DNS
 * lookup (see {@link TrustedProxies}). While running, it says loudly when requests carry
 * {@code X-Forwarded-For} or {@code Forwarded} from a peer that is not a trusted proxy: behind an
 * unlisted ingress, every client looks like the ingress and one client's failures throttle them all.
 */
@ApplicationScoped
public class ForwardedHeaders {

    static final String TRUSTED_PROXIES = "quarkus.http.proxy.trusted-proxies";
    private static final Logger LOG = Logger.getLogger(ForwardedHeaders.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final TrustedProxies trusted;
    private final Counter untrusted;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong sinceWarning = new AtomicLong();

    ForwardedHeaders(MeterRegistry meters) {
        String configured = ConfigProvider.getConfig().getConfigValue(TRUSTED_PROXIES).getValue();
        try {
            this.trusted = TrustedProxies.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("HTTP_TRUSTED_PROXIES (" + TRUSTED_PROXIES + "): " + e.getMessage(), e);
        }
        this.untrusted = Counter.builder("cloudpro.http.untrusted.forwarded")
                .description("Requests whose forwarded header came from a peer outside HTTP_TRUSTED_PROXIES")
                .register(meters);
    }

    /** Creating the bean checks the configuration; a bad one stops the service here. */
    void onStart(@Observes StartupEvent event) {
        LOG.debugf("Trusting forwarded headers from %s", ConfigProvider.getConfig().getConfigValue(TRUSTED_PROXIES).getValue());
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            check(context.request());
            context.next();
        }, 1000);
    }

    private void check(HttpServerRequest request) {
        if (request.getHeader("X-Forwarded-For") == null && request.getHeader("Forwarded") == null) {
            return;
        }
        SocketAddress peer = request.connection() == null ? null : request.connection().remoteAddress();
        InetAddress peerAddress = literal(peer);
        if (peerAddress == null || trusted.contains(peerAddress)) {
            return;
        }
        untrusted.increment();
        long count = sinceWarning.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            sinceWarning.addAndGet(-count);
            // A private or loopback peer is infrastructure (an ingress); a public one may be a person.
            String who = peerAddress.isSiteLocalAddress() || peerAddress.isLoopbackAddress()
                    || peerAddress.isLinkLocalAddress() || isUniqueLocal(peerAddress)
                    ? "the proxy " + peerAddress.getHostAddress() : "a peer with a public address";
            LOG.warnf("%d request(s) carried X-Forwarded-For/Forwarded from %s, which is not in HTTP_TRUSTED_PROXIES:"
                    + " the header is ignored and the peer counts as the client, so everyone behind it is throttled"
                    + " as one. If this service runs behind that proxy, add its address or range to"
                    + " HTTP_TRUSTED_PROXIES.", count, who);
        }
    }

    private static InetAddress literal(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return null;
        }
        try {
            return InetAddress.getByName(address.hostAddress()); // an address literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
