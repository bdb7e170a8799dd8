package io.cloudpro.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a service's own configuration says it does with Kafka - the platform's defaults, then the
 * service's application.properties, as Quarkus reads them outside the test and dev profiles: the
 * topics it publishes to ({@code cloudpro.events.produces}, which its outbox enforces), the
 * channels it consumes with their topic, consumer group and dead-letter topic.
 */
record ServiceKafkaConfig(String service, Set<String> produces, Map<String, Channel> channels) {

    static final List<String> SERVICES = List.of("identity-service", "order-service", "privacy-rights-service", "retention-service");
    /**
     * Read from the start without a group by every service after a database restore (the platform's
     * CompactedTopics: the legal holds, then the erasure log to replay) - code, not configuration.
     */
    static final Set<String> REPLAYED = Set.of("retention.holds", "privacy.erasures");

    record Channel(String topic, String group, String deadLetterTopic) {
    }

    static List<ServiceKafkaConfig> all() {
        return SERVICES.stream().map(ServiceKafkaConfig::of).toList();
    }

    static ServiceKafkaConfig of(String service) {
        Properties properties = new Properties();
        load(properties, Manifests.REPOSITORY.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        load(properties, Manifests.REPOSITORY.resolve(service + "/src/main/resources/application.properties"));
        Map<String, String> config = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(key -> !key.startsWith("%"))
                .forEach(key -> config.put(key, properties.getProperty(key).replace("${quarkus.application.name}", service)));
        Set<String> produces = new TreeSet<>(Arrays.asList(config.getOrDefault("cloudpro.events.produces", "").split("\\s*,\\s*")));
        produces.remove("");
        Map<String, Channel> channels = new LinkedHashMap<>();
        String prefix = "mp.messaging.incoming.";
        config.keySet().stream().filter(key -> key.startsWith(prefix) && key.endsWith(".topic")
                        && !key.endsWith(".dead-letter-queue.topic"))
                .forEach(key -> {
                    String channel = key.substring(prefix.length(), key.length() - ".topic".length());
                    channels.put(channel, new Channel(config.get(key), config.get(prefix + channel + ".group.id"),
                            config.get(prefix + channel + ".dead-letter-queue.topic")));
                });
        return new ServiceKafkaConfig(service, produces, channels);
    }

    /** Every topic the service touches: its own, those it reads, its dead-letter topics. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>(produces);
        channels.values().forEach(c -> {
            topics.add(c.topic());
            if (c.deadLetterTopic() != null) {
                topics.add(c.deadLetterTopic());
            }
        });
        topics.addAll(REPLAYED);
        return topics;
    }

    /**
     * The ACLs the service needs, as "type:name" to operations: write what it produces and its
     * dead-letter topics, read what it consumes and replays, its groups, describe the cluster.
     */
    Map<String, Set<String>> neededAcls() {
        Map<String, Set<String>> acls = new TreeMap<>();
        produces.forEach(t -> allow(acls, "topic:" + t, "Write", "Describe"));
        channels.values().forEach(c -> {
            allow(acls, "topic:" + c.topic(), "Read", "Describe");
            if (c.deadLetterTopic() != null) {
                allow(acls, "topic:" + c.deadLetterTopic(), "Write", "Describe");
            }
            if (c.group() != null) {
                allow(acls, "group:" + c.group(), "Read");
            }
        });
        REPLAYED.forEach(t -> allow(acls, "topic:" + t, "Read", "Describe"));
        allow(acls, "cluster:", "Describe");
        return acls;
    }

    private static void allow(Map<String, Set<String>> acls, String resource, String... operations) {
        acls.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(operations));
    }

    private static void load(Properties properties, Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
