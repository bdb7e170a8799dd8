package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.events.IncomingEvent;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every erasure and every purge is recorded on a compacted topic ({@value PrivacyTopics#ERASURES}),
 * holding ids only: an erasure keyed by service and subject, a purge by service, category and subject
 * (a rolling rule's latest cut-off under the category alone). After a database is restored from a
 * backup taken before some of them, the service replays its part of the log: it takes the legal
 * holds as they are now from their topic, then erases again and purges again what the backup brought
 * back. Both are idempotent, so replaying what is already gone
 * changes nothing.
 */
@ApplicationScoped
public class ErasureLog {

    private static final Logger LOG = Logger.getLogger(ErasureLog.class);

    private final EventOutbox outbox;
    private final Purges purges;
    private final LegalHoldConsumer holdCopy;
    private final PrivacyParticipant participant;
    private final LegalHolds holds;
    private final ObjectMapper json;
    private final Map<String, Object> kafkaConfig;

    @Inject
    ErasureLog(EventOutbox outbox, Purges purges, LegalHoldConsumer holdCopy, PrivacyParticipant participant, LegalHolds holds,
               ObjectMapper json, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.outbox = outbox;
        this.purges = purges;
        this.holdCopy = holdCopy;
        this.participant = participant;
        this.holds = holds;
        this.json = json;
        this.kafkaConfig = kafkaConfig;
    }

    /** What one erasure did, by ids: the record on the log. */
    public record ErasureRecord(String service, Subject subject, List<PrivacyResult.CategoryOutcome> categories,
                                Instant erasedAt, UUID commandId) {
    }

    /** What one purge removed, by ids: the category, whose records (or the rule's id) and the cut-off. */
    public record PurgeRecord(String service, String category, Subject subject, Instant cutoff, Instant purgedAt,
                              UUID commandId) {
    }

    /** What a replay did: subjects erased again, purges run again and the records they removed. */
    public record Replay(int subjects, int purges, long purgedAgain) {
    }

    void record(String service, Subject subject, PrivacyParticipant.Erasure erasure, Instant at, UUID commandId) {
        outbox.publish(PrivacyTopics.ERASURES, PrivacyTopics.ERASURE_RECORDED, key(service, subject.subjectId()),
                new ErasureRecord(service, subject, erasure.categories(), at, commandId));
    }

    void recordPurge(String service, PrivacyCommand purge, Instant at) {
        String key = service + "/purge/" + purge.category() + (purge.cutoff() == null ? "/" + purge.subject().subjectId() : "");
        outbox.publish(PrivacyTopics.ERASURES, PrivacyTopics.PURGE_RECORDED, key,
                new PurgeRecord(service, purge.category(), purge.subject(), purge.cutoff(), at, purge.commandId()));
    }

    /**
     * Reads this service's part of the log from its beginning, erases every recorded subject again and
     * runs every recorded purge again, each in transactions of its own.
     */
    public Replay replay(String service) {
        // the restore brought back the holds as they were: take them as they are now first
        holdCopy.resync();
        Log log = readLog(service);
        Instant now = Timestamps.now();
        for (ErasureRecord record : log.erasures().values()) {
            QuarkusTransaction.requiringNew().run(() -> participant.erase(record.subject(), holds, now));
        }
        long purgedAgain = 0;
        for (PurgeRecord record : log.purges().values()) {
            purgedAgain += purges.again(record.category(), record.subject(), record.cutoff());
        }
        LOG.infof("Replayed the erasure log: %d subjects erased again, %d purges run again (%d records)",
                log.erasures().size(), log.purges().size(), purgedAgain);
        return new Replay(log.erasures().size(), log.purges().size(), purgedAgain);
    }

    private record Log(Map<String, ErasureRecord> erasures, Map<String, PurgeRecord> purges) {
    }

    private Log readLog(String service) {
        Log latest = new Log(new LinkedHashMap<>(), new LinkedHashMap<>());
        CompactedTopics.readAll(kafkaConfig, PrivacyTopics.ERASURES, service + "-erasure-replay", record -> {
            if (record.key() != null && record.key().startsWith(service + "/") && record.value() != null) {
                IncomingEvent event = IncomingEvent.from(record, json);
                if (PrivacyTopics.PURGE_RECORDED.equals(event.type())) {
                    latest.purges().put(record.key(), event.dataAs(PurgeRecord.class, json));
                } else {
                    latest.erasures().put(record.key(), event.dataAs(ErasureRecord.class, json));
                }
            }
        });
        return latest;
    }

    static String key(String service, UUID subjectId) {
        return service + "/" + subjectId;
    }
}
