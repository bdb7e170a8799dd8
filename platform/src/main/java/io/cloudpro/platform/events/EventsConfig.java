package io.cloudpro.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** Settings of the event platform, under {@code cloudpro.events}. */
@ConfigMapping(prefix = "cloudpro.events")
public interface EventsConfig {

    /** The CloudEvents {@code source} of everything this service publishes, e.g. {@code /cloudpro/identity-service}. */
    String source();

    /**
     * Every topic this service publishes to. The outbox refuses any other, so the list stays the
     * truth that deploy/ builds the service's Kafka topics and ACLs from (its offline check reads it).
     */
    Set<String> produces();

    Relay relay();

    Consumer consumer();

    Cleanup cleanup();

    /** How often the broker is asked whether it is there (the cloudpro_kafka_reachable metric). */
    @WithDefault("10s")
    Duration brokerCheckInterval();

    /** How often the outbox backlog metrics are read. */
    @WithDefault("10s")
    Duration metricsInterval();

    interface Relay {
        /** Off only in tests that drive the relay by hand. */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for pending events when no commit woke it up. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long the relay waits after a commit woke it, so that the events of commits arriving
         * together go out in one pass (one read, one batch to Kafka, one update) rather than one pass
         * each - under load most of the relay's cost; the price is this much latency per event.
         */
        @WithDefault("5ms")
        Duration linger();

        /** The longest wait between attempts while the broker does not answer. */
        @WithDefault("30s")
        Duration maxBackoff();

        @WithDefault("200")
        int batchSize();

        /** How long one pass may wait for the broker's acknowledgements. */
        @WithDefault("15s")
        Duration sendTimeout();

        /** How long a relay holds the lease without renewing it; another replica takes over after that. */
        @WithDefault("60s")
        Duration lease();

        /** Failed attempts (while the broker is reachable) after which an event is parked for an operator. */
        @WithDefault("10")
        int parkAfter();
    }

    interface Consumer {
        /** Attempts per event before it goes to the dead-letter topic. */
        @WithDefault("3")
        int attempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("200ms")
        Duration initialBackoff();
    }

    interface Cleanup {
        /** Relayed outbox rows are deleted after this long (their payloads may hold personal data). */
        @WithDefault("7d")
        Duration keepPublished();

        /** How long event ids are remembered for deduplication; longer than the topics' retention. */
        @WithDefault("30d")
        Duration keepProcessed();
    }
}
