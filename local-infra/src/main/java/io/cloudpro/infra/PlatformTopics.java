package io.cloudpro.infra;

import java.util.Map;

/**
 * The Kafka topics the services publish to and read from, created when a local broker starts: a
 * consumer that subscribes before its topic exists learns about it only at its next metadata refresh
 * (five minutes by default), so the first events on a new topic would wait that long. In Kubernetes
 * the same topics are KafkaTopic resources (deploy/base/kafka/topics.yaml; deploy's check compares the
 * two). Value: the topic's settings beyond the defaults.
 */
public final class PlatformTopics {

    public static final Map<String, Map<String, String>> ALL = Map.ofEntries(
            Map.entry("identity.events", Map.of()),
            Map.entry("identity.sessions", Map.of()),
            Map.entry("orders.events", Map.of()),
            Map.entry("privacy.commands", Map.of()),
            Map.entry("privacy.results", Map.of()),
            Map.entry("privacy.catalogues", Map.of("cleanup.policy", "compact")),
            Map.entry("privacy.erasures", Map.of("cleanup.policy", "compact")),
            Map.entry("privacy.disclosures", Map.of()),
            Map.entry("privacy.statements", Map.of("cleanup.policy", "compact")),
            Map.entry("privacy.requests", Map.of()),
            // read from the start as the set of holds (after a restore) and of periods in force: compacted
            Map.entry("retention.holds", Map.of("cleanup.policy", "compact")),
            Map.entry("retention.policies", Map.of("cleanup.policy", "compact")));

    private PlatformTopics() {
    }
}
