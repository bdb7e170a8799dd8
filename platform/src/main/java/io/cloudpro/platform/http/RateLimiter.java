package io.cloudpro.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per (bucket, client), in memory. Each replica counts on its own, so a client gets at
 * most the limit times the number of replicas; the ingress's own limits sit in front of that.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, double[]> limits = new ConcurrentHashMap<>();
    private final Config config;
    private final MeterRegistry meters;

    RateLimiter(Config config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    /** Takes one request from the client's allowance; empty when allowed, else how long to wait. */
    public Duration acquire(RateLimited limit, String client) {
        double[] rate = limits.computeIfAbsent(limit.bucket(), name -> configured(limit));
        Bucket bucket = buckets.computeIfAbsent(limit.bucket() + "|" + client, key -> new Bucket(rate[1]));
        Duration wait = bucket.take(rate[0] / 60.0, rate[1]);
        if (!wait.isZero()) {
            meters.counter("cloudpro.http.rate.limited", "bucket", limit.bucket()).increment();
        }
        return wait;
    }

    private double[] configured(RateLimited limit) {
        String prefix = "cloudpro.rate-limits." + limit.bucket() + ".";
        int perMinute = config.getOptionalValue(prefix + "per-minute", Integer.class).orElse(limit.perMinute());
        int burst = config.getOptionalValue(prefix + "burst", Integer.class)
                .orElse(limit.burst() > 0 ? limit.burst() : perMinute);
        return new double[] {perMinute, Math.max(1, burst)};
    }

    /** Buckets that filled up again belong to clients that went quiet: forget them. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleClients() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.idleSince(now) > Duration.ofMinutes(10).toNanos());
    }

    private static final class Bucket {
        private double tokens;
        private long updated = System.nanoTime();

        Bucket(double capacity) {
            this.tokens = capacity;
        }

        synchronized Duration take(double perSecond, double capacity) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - tokens) / perSecond * 1000));
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
