package io.cloudpro.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads and writes records on the test broker, the way an integrator's client would. */
public final class KafkaTopics {

    /** How long {@link #readAll} reads on after the first match. */
    public static final Duration SETTLE = Duration.ofSeconds(2);

    private KafkaTopics() {
    }

    /**
     * Reads the topic from its beginning until {@code count} records that match {@code filter} were
     * seen or {@code timeout} passed, and returns the matching records in topic order per partition.
     */
    public static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                            int count, Duration timeout) {
        return readUntil(topic, filter, found -> found.size() >= count, timeout);
    }

    /**
     * Reads the topic from its beginning until the matching records seen so far satisfy {@code done}
     * (say, every expected event type is among them) or {@code timeout} passed; returns them.
     */
    public static List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                                 Predicate<List<ConsumerRecord<String, String>>> done,
                                                                 Duration timeout) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (!done.test(matching) && Instant.now().isBefore(deadline)) {
                poll(consumer, filter, matching);
            }
        }
        return matching;
    }

    /**
     * Every matching record, for "exactly once" checks: waits up to {@code timeout} for the first,
     * then reads on to the end of the topic and for {@link #SETTLE} more, so that a duplicate written
     * with the first is seen. A fixed short wait instead would let a slow relay look like a lost event.
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                               Duration timeout) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (matching.isEmpty() && Instant.now().isBefore(deadline)) {
                poll(consumer, filter, matching);
            }
            if (matching.isEmpty()) {
                return matching;
            }
            Instant settled = Instant.now().plus(SETTLE);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            Instant giveUp = Instant.now().plus(timeout);
            while (Instant.now().isBefore(settled)
                    || (behind(consumer, end) && Instant.now().isBefore(giveUp))) {
                poll(consumer, filter, matching);
            }
        }
        return matching;
    }

    private static boolean behind(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(partition -> consumer.position(partition.getKey()) < partition.getValue());
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void poll(KafkaConsumer<String, String> consumer, Predicate<ConsumerRecord<String, String>> filter,
                             List<ConsumerRecord<String, String>> matching) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
            if (filter.test(record)) {
                matching.add(record);
            }
        }
    }

    /** Sends one record with the given headers and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, v) -> recordHeaders.add(name, v.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send a test record to " + topic, e);
        }
    }

    /**
     * Sends a CloudEvent in binary mode, as the platform's outbox would: {@code ce_*} headers, the
     * subject as key and as {@code ce_subject}, JSON data.
     */
    public static void sendEvent(String topic, String key, String type, String json) {
        send(topic, key, json, Map.of(
                "ce_specversion", "1.0",
                "ce_id", java.util.UUID.randomUUID().toString(),
                "ce_type", type,
                "ce_source", "/cloudpro/test",
                "ce_subject", key,
                "ce_time", Instant.now().toString(),
                "content-type", "application/json"));
    }

    /** The value of a record's header, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record's headers as one JSON object (name -> text), to check against an AsyncAPI document's header schema. */
    public static com.fasterxml.jackson.databind.node.ObjectNode headersAsJson(ConsumerRecord<?, ?> record) {
        var headers = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        for (var header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String bootstrapServers() {
        return TestInfrastructure.get().kafka().bootstrapServers();
    }
}
