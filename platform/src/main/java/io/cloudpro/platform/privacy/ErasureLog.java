package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.events.IncomingEvent;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every erasure is recorded on a compacted topic ({@value PrivacyTopics#ERASURES}), keyed by
 * service and subject and holding ids only. After a database is restored from a backup taken before
 * some erasures, the service replays its part of the log and erases again what the backup brought
 * back. Erasure is idempotent, so replaying what is already gone changes nothing.
 */
@ApplicationScoped
public class ErasureLog {

    private static final Logger LOG = Logger.getLogger(ErasureLog.class);

    private final EventOutbox outbox;
    private final PrivacyParticipant participant;
    private final LegalHolds holds;
    private final ObjectMapper json;
    private final Map<String, Object> kafkaConfig;

    @Inject
    ErasureLog(EventOutbox outbox, PrivacyParticipant participant, LegalHolds holds, ObjectMapper json,
               @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.outbox = outbox;
        this.participant = participant;
        this.holds = holds;
        this.json = json;
        this.kafkaConfig = kafkaConfig;
    }

    /** What one erasure did, by ids: the record on the log. */
    public record ErasureRecord(String service, Subject subject, List<PrivacyResult.CategoryOutcome> categories,
                                Instant erasedAt, UUID commandId) {
    }

    void record(String service, Subject subject, PrivacyParticipant.Erasure erasure, Instant at, UUID commandId) {
        outbox.publish(PrivacyTopics.ERASURES, PrivacyTopics.ERASURE_RECORDED, key(service, subject.subjectId()),
                new ErasureRecord(service, subject, erasure.categories(), at, commandId));
    }

    /**
     * Reads this service's part of the log from its beginning and erases every recorded subject
     * again, each in a transaction of its own; returns how many subjects were replayed.
     */
    public int replay(String service) {
        Map<String, ErasureRecord> latest = readLog(service);
        Instant now = Timestamps.now();
        for (ErasureRecord record : latest.values()) {
            QuarkusTransaction.requiringNew().run(() -> participant.erase(record.subject(), holds, now));
        }
        LOG.infof("Replayed the erasure log: %d subjects erased again", latest.size());
        return latest.size();
    }

    private Map<String, ErasureRecord> readLog(String service) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-erasure-replay");
        Map<String, ErasureRecord> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(PrivacyTopics.ERASURES, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return latest;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(10));
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith(service + "/") && record.value() != null) {
                        IncomingEvent event = IncomingEvent.from(record, json);
                        latest.put(record.key(), event.dataAs(ErasureRecord.class, json));
                    }
                }
            }
        }
        return latest;
    }

    static String key(String service, UUID subjectId) {
        return service + "/" + subjectId;
    }
}
