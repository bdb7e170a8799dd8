package io.cloudpro.platform.privacy;

import io.cloudpro.platform.privacy.PrivacyResult.CategoryOutcome;
import io.cloudpro.platform.privacy.PrivacyResult.Withheld;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a service does with its own data when a privacy command arrives. The platform takes the
 * commands from Kafka, makes them idempotent, keeps legal holds, stores exports for pickup, records
 * erasures and publishes the results; a service implements only what its data needs. Every method
 * runs inside the transaction that records the command as handled.
 * <p>
 * The defaults answer "nothing held here", which is the complete answer of a service without
 * personal data about the subject.
 */
public interface PrivacyParticipant {

    /** Everything held about the subject, per category key; values are written as JSON. */
    default Export export(Subject subject) {
        return Export.NOTHING;
    }

    /**
     * How many records of each category are held about the subject - what the person sees when they
     * look at their data, without the data itself leaving the service. By default counted from
     * {@link #export}; a service whose export is heavy counts instead. Runs in a transaction that is
     * rolled back: it must not change anything.
     */
    default List<Holding> holdings(Subject subject) {
        return counted(export(subject));
    }

    /** An export's categories that hold records, as holdings. */
    static List<Holding> counted(Export export) {
        return export.categories().stream().filter(c -> c.count() > 0).map(c -> new Holding(c.category(), c.count())).toList();
    }

    /**
     * Deletes or anonymises what may go; keeps, per record, what a law or a legal hold keeps.
     * Must be idempotent: the erasure log replays it after a database restore.
     */
    default Erasure erase(Subject subject, LegalHolds holds, Instant now) {
        return Erasure.NOTHING;
    }

    /** Flags (or unflags) the subject: data kept but not processed beyond storage. */
    default List<CategoryOutcome> restrict(Subject subject, boolean restricted) {
        return List.of();
    }

    /** Applies the corrections the privacy officer decided; names who received the old values. */
    default Rectification rectify(Subject subject, Map<String, String> corrections) {
        return Rectification.NOTHING;
    }

    /**
     * An objection: to direct marketing it stops at once; to other processing the officer's decision
     * ({@code upheld}) is recorded and, when upheld, the processing stops.
     */
    default List<CategoryOutcome> object(Subject subject, String processing, Boolean upheld) {
        return List.of();
    }

    /**
     * Removes - deletes or anonymises, as the category's retention rule says - at most {@code limit}
     * records of {@code purge.category()} whose retention ended, or all that are left (for instance
     * when the statistics expect them to fit, or a subject's records that go together): the
     * subject's, or with a cut-off every record from before it. The records of the subjects in
     * {@code purge.kept()} stay: a legal hold keeps them. Returns how many records it removed.
     * <p>
     * The platform calls it again, each call in a transaction of its own, as long as exactly
     * {@code limit} come back (fewer, or more, say nothing is left), so a purge of a hundred thousand
     * rows never holds locks for long. It must be idempotent: a record removed before is not found,
     * nor counted, again.
     */
    default long purge(Purge purge, int limit) {
        return 0;
    }

    /** The categories {@link #purge} handles; a purge of any other is answered with NONE and logged. */
    default Set<String> purgeable() {
        return Set.of();
    }

    /**
     * Every category a purge of {@code category} removes records of (by default only that one): a
     * hold on any of them withholds the purge.
     */
    default Set<String> purgeTouches(String category) {
        return Set.of(category);
    }

    /**
     * A purge of one category: the subject's records (a retention clock that fell due), or, when
     * {@code cutoff} is set, every record from before it (a rolling rule, e.g. logins older than 90
     * days; {@code subject} then only names the rule). {@code kept}: ids of held subjects.
     */
    record Purge(String category, Subject subject, Instant cutoff, Set<UUID> kept) {

        public boolean byCutoff() {
            return cutoff != null;
        }
    }

    /** How many records of one category are held about a subject. */
    record Holding(String category, long records) {
    }

    /** The data of one subject, per category, and how many records each has. */
    record Export(Map<String, Object> data, List<CategoryOutcome> categories) {
        public static final Export NOTHING = new Export(Map.of(), List.of());
    }

    /** What an erasure did per category, what it kept, and whom to tell (art. 17(2)). */
    record Erasure(List<CategoryOutcome> categories, List<Withheld> withheld, List<Catalogue.Recipient> recipientsToInform) {
        public static final Erasure NOTHING = new Erasure(List.of(), List.of(), List.of());
    }

    /** The fields changed and the recipients that got the old values (art. 19). */
    record Rectification(List<String> changedFields, List<Catalogue.Recipient> recipientsToInform,
                         List<CategoryOutcome> categories) {
        public static final Rectification NOTHING = new Rectification(List.of(), List.of(), List.of());
    }
}
