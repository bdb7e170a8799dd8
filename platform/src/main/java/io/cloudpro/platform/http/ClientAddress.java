package io.cloudpro.platform.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a request came from, as the platform counts it for throttling and rate limits.
 *
 * @param ip          the client's address: the peer, or what a trusted proxy put in
 *                    {@code X-Forwarded-For} (Quarkus has applied it); never resolved to a name
 * @param throttleKey what one client is counted as: an IPv4 address, or the /64 of an IPv6
 *                    address - one IPv6 subscriber typically holds a whole /64 and could otherwise
 *                    rotate through 2^64 addresses to escape every per-address limit
 */
public record ClientAddress(String ip, String throttleKey) {

    private static final ClientAddress UNKNOWN = new ClientAddress("unknown", "unknown");

    public static ClientAddress of(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        return remote == null ? UNKNOWN : of(remote.hostAddress());
    }

    /** For an address in text form; anything that is not an IP literal is counted as itself. */
    public static ClientAddress of(String ip) {
        if (ip == null || ip.isBlank()) {
            return UNKNOWN;
        }
        if (!ip.matches("[0-9a-fA-F:.%]+")) {
            return new ClientAddress(ip, ip); // never resolve a host name
        }
        try {
            InetAddress address = InetAddress.getByName(ip);
            if (address instanceof Inet6Address v6 && !isMappedIpv4(v6)) {
                byte[] b = v6.getAddress();
                String prefix = String.format("%x:%x:%x:%x::/64", word(b, 0), word(b, 2), word(b, 4), word(b, 6));
                return new ClientAddress(ip, prefix);
            }
            return new ClientAddress(ip, address.getHostAddress());
        } catch (UnknownHostException e) {
            return new ClientAddress(ip, ip);
        }
    }

    private static boolean isMappedIpv4(Inet6Address address) {
        return address.isIPv4CompatibleAddress();
    }

    private static int word(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }
}
