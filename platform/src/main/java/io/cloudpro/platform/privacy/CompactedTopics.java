package io.cloudpro.platform.privacy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a whole topic from its beginning up to its end as it is now, outside any consumer group:
 * the erasure log and the legal holds after a restore. Records of one key come in their order.
 */
final class CompactedTopics {

    private CompactedTopics() {
    }

    static void readAll(Map<String, Object> kafkaConfig, String topic, String clientId,
                        Consumer<ConsumerRecord<String, String>> each) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(10));
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(record);
                }
            }
        }
    }
}
