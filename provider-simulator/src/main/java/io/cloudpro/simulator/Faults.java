package io.cloudpro.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trouble a test (or a person) can switch on per provider: answers that come slowly, or an HTTP 503
 * instead of an answer. Set through {@code POST /simulator/faults/{provider}?delayMs=..&failing=..}.
 */
final class Faults {

    record Fault(Duration delay, boolean failing) {
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    void set(String provider, Duration delay, boolean failing) {
        if (delay.isZero() && !failing) {
            faults.remove(provider);
        } else {
            faults.put(provider, new Fault(delay, failing));
        }
    }

    void clear() {
        faults.clear();
    }

    /** Waits as configured; true when the request was answered with a failure and the caller must stop. */
    boolean apply(HttpExchange exchange, String provider) throws IOException {
        Fault fault = faults.get(provider);
        if (fault == null) {
            return false;
        }
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis()); // the slowness being simulated
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.failing()) {
            Exchanges.problem(exchange, 503, provider + " is unavailable (simulated)");
            return true;
        }
        return false;
    }
}
