package io.cloudpro.platform.privacy;

import io.cloudpro.platform.privacy.PrivacyResult.CategoryOutcome;
import io.cloudpro.platform.privacy.PrivacyResult.Outcome;
import io.cloudpro.platform.privacy.PrivacyResult.Withheld;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs a PURGE command (retention-service's, when a retention clock fell due or a rolling rule's
 * cut-off moved): checks the legal holds, then lets the participant remove records batch by batch,
 * each batch in a transaction of its own with a pause after it, so that a purge of many rows
 * neither holds locks for long nor takes the database from the service's normal work. Batches are
 * sized by time: each is aimed at {@code batch-time} from the time per record of the one before (the
 * first purge of a category starts with {@code batch-size} records, later ones with the size the
 * last one ended with; up to {@code max-batch-size}), and the pause after one is
 * {@code pause-ratio} of its time - cheap deletes go at nearly the speed of one statement,
 * expensive ones in short transactions with room for other work between them. Half a second a
 * batch: in PostgreSQL a DELETE blocks no reader, so what a batch's length costs is the locks on its
 * own (expired) rows and how long vacuum waits for it - nothing at that length - while batches too
 * short to hold everything left make the participant find each batch's rows through an index rather
 * than in one pass over the table (four times the work a row in the login history). The result is
 * the receipt: category, records removed, cut-off, time - no personal data.
 */
@ApplicationScoped
public class Purges {

    private static final Logger LOG = Logger.getLogger(Purges.class);
    /** Batches that removed fewer records say little about the time per record. */
    private static final int MIN_SAMPLE = 1000;

    private final PrivacyParticipant participant;
    private final PrivacyCatalogues catalogues;  // the service's name, for the receipt
    private final LegalHolds holds;
    private final EntityManager entityManager;
    private final int batchSize;
    private final int maxBatchSize;
    private final Duration batchTime;
    private final double pauseRatio;
    /** Per category, the batch size that fit the batch time last: the next purge starts with it. */
    private final Map<String, Integer> learnedSize = new ConcurrentHashMap<>();

    Purges(PrivacyParticipant participant, PrivacyCatalogues catalogues, LegalHolds holds, EntityManager entityManager,
           @ConfigProperty(name = "cloudpro.privacy.purge.batch-size", defaultValue = "10000") int batchSize,
           @ConfigProperty(name = "cloudpro.privacy.purge.max-batch-size", defaultValue = "1000000") int maxBatchSize,
           @ConfigProperty(name = "cloudpro.privacy.purge.batch-time", defaultValue = "500ms") Duration batchTime,
           @ConfigProperty(name = "cloudpro.privacy.purge.pause-ratio", defaultValue = "0.1") double pauseRatio) {
        this.participant = participant;
        this.catalogues = catalogues;
        this.holds = holds;
        this.entityManager = entityManager;
        this.batchSize = batchSize;
        this.maxBatchSize = Math.max(batchSize, maxBatchSize);
        this.batchTime = batchTime;
        this.pauseRatio = pauseRatio;
    }

    /** Runs the purge; called in the transaction that records the command as handled (which waits meanwhile). */
    PrivacyResult run(PrivacyCommand command, Instant now) {
        String category = command.category();
        String service = catalogues.service();
        if (category == null || !participant.purgeable().contains(category)) {
            LOG.warnf("Purge %s names category %s, which %s does not purge; nothing purged", command.commandId(),
                    category, service);
            return PrivacyCommandHandler.result(command, service, now, List.of(new CategoryOutcome(category, Outcome.NONE, 0)),
                    List.of(), List.of(), List.of(), null);
        }
        Subject subject = command.subject();
        Optional<LegalHolds.Hold> hold = holdOn(category, subject, command.cutoff());
        if (hold.isPresent()) {
            String record = command.cutoff() != null ? "records from before " + command.cutoff() : "the subject's records";
            return PrivacyCommandHandler.result(command, service, now, List.of(new CategoryOutcome(category, Outcome.WITHHELD, 0)),
                    List.of(new Withheld(category, record, "legal hold", null, null, hold.get().reference())),
                    List.of(), List.of(), null);
        }
        List<LegalHolds.Hold> subjectHolds = command.cutoff() != null ? holds.onSubjects(category) : List.of();
        Set<UUID> kept = subjectHolds.stream().map(LegalHolds.Hold::subjectId).collect(Collectors.toUnmodifiableSet());
        PrivacyParticipant.Purge purge = new PrivacyParticipant.Purge(category, subject, command.cutoff(), kept);
        long removed = removeInBatches(command.commandId(), purge);
        // records of held subjects stay; the receipt names each hold, not the subject
        List<Withheld> withheld = subjectHolds.stream().map(h -> new Withheld(category,
                "the records of one held subject", "legal hold", null, null, h.reference())).toList();
        return PrivacyCommandHandler.result(command, service, Timestamps.now(),
                List.of(new CategoryOutcome(category, Outcome.PURGED, removed)), withheld, List.of(), List.of(), null);
    }

    /**
     * Runs a purge from the erasure log again, after the database was restored from a backup taken
     * before it: the same category, subject and cut-off, the holds as they are now, no receipt (the
     * first run's stands). How many records went again.
     */
    long again(String category, Subject subject, Instant cutoff) {
        Optional<PrivacyParticipant.Purge> purge = QuarkusTransaction.requiringNew().call(() -> {
            if (!participant.purgeable().contains(category) || holdOn(category, subject, cutoff).isPresent()) {
                return Optional.empty();
            }
            Set<UUID> kept = cutoff != null ? holds.onSubjects(category).stream().map(LegalHolds.Hold::subjectId)
                    .collect(Collectors.toUnmodifiableSet()) : Set.of();
            return Optional.of(new PrivacyParticipant.Purge(category, subject, cutoff, kept));
        });
        return purge.map(p -> removeInBatches(UUID.randomUUID(), p)).orElse(0L);
    }

    /** A hold on the category or on any other the purge would remove records of: on the whole category, or on the subject. */
    private Optional<LegalHolds.Hold> holdOn(String category, Subject subject, Instant cutoff) {
        return participant.purgeTouches(category).stream()
                .map(touched -> cutoff != null ? holds.onCategory(touched) : holds.applying(subject, touched))
                .flatMap(Optional::stream).findFirst();
    }

    private long removeInBatches(UUID commandId, PrivacyParticipant.Purge purge) {
        long start = System.nanoTime();
        long batches = 0;
        int size = learnedSize.getOrDefault(purge.category(), batchSize);
        boolean full;
        do {
            int limit = size;
            long started = System.nanoTime();
            long[] removing = new long[1];
            long removed = QuarkusTransaction.requiringNew().call(() -> {
                long count = participant.purge(purge, limit);
                removing[0] = System.nanoTime() - started;
                addProgress(commandId, count);
                return count;
            });
            long took = Math.max(System.nanoTime() - started, 1);
            batches++;
            LOG.debugf("Purge %s batch %d: %d of at most %d records, removing %.1f ms, with its transaction %.1f ms",
                    commandId, batches, removed, limit, removing[0] / 1e6, took / 1e6);
            if (batches % 50 == 0) {
                LOG.infof("Purge %s of %s: %d batches done, still going", commandId, purge.category(), batches);
            }
            full = mayHaveMore(removed, limit);
            if (removed >= MIN_SAMPLE) {
                // the last, partial batch of a purge pays its scan for fewer records: it may let the
                // size grow, never shrink it
                int fitting = sizeForBatchTime(limit, removed, took);
                size = full ? fitting : Math.max(size, fitting);
                learnedSize.put(purge.category(), size);
            }
            if (full) {
                sleep(Duration.ofNanos((long) (took * pauseRatio)));
            }
        } while (full);
        long removed = QuarkusTransaction.requiringNew().call(() -> progress(commandId));
        LOG.infof("Purge %s of %s: %d records in %d ms, %d batches", commandId, purge.category(), removed,
                (System.nanoTime() - start) / 1_000_000, batches);
        return removed;
    }

    /**
     * Whether records may be left after a batch: only when it removed exactly its limit. Fewer say
     * none were left; more say the participant took everything left at once, which is the only way
     * it may exceed the limit (a one-statement batch the statistics said would fit, or a subject's
     * records, which go together) - without this, such a purge would pay a second, empty batch.
     */
    static boolean mayHaveMore(long removed, int limit) {
        return removed == limit;
    }

    /**
     * The size of a batch that would take about {@code batch-time}, from one that removed
     * {@code removed} records in {@code took} ns: at most ten times and at least half the size it
     * had, between a tenth of {@code batch-size} and {@code max-batch-size}.
     */
    private int sizeForBatchTime(int limit, long removed, long took) {
        double aimed = removed * (batchTime.toNanos() / (double) took);
        double steadied = Math.min(limit * 10.0, Math.max(limit * 0.5, aimed));
        return (int) Math.max(Math.max(1, batchSize / 10), Math.min(maxBatchSize, steadied));
    }

    private void addProgress(UUID commandId, long removed) {
        entityManager.createNativeQuery("""
                        INSERT INTO privacy_purge_progress (command_id, removed, updated_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (command_id) DO UPDATE SET removed = privacy_purge_progress.removed + excluded.removed,
                                                              updated_at = excluded.updated_at""")
                .setParameter(1, commandId)
                .setParameter(2, removed)
                .setParameter(3, Timestamps.now())
                .executeUpdate();
    }

    private long progress(UUID commandId) {
        return ((Number) entityManager.createNativeQuery("SELECT removed FROM privacy_purge_progress WHERE command_id = ?1")
                .setParameter(1, commandId)
                .getSingleResult()).longValue();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("purge interrupted", e);
        }
    }
}
