package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.LoginAttempt;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@ApplicationScoped
public class LoginAttemptRepository implements PanacheRepositoryBase<LoginAttempt, UUID> {

    /** Below this batch size the rows are found by index anyway, whatever the statistics say. */
    private static final int ONE_STATEMENT_FROM = 10_000;
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    public List<LoginAttempt> history(UUID credentialId, int page, int size) {
        return find("credentialId = ?1 AND outcome <> ?2 ORDER BY occurredAt DESC", credentialId,
                LoginAttempt.Outcome.REGISTERED).page(page, size).list();
    }

    public long countHistory(UUID credentialId) {
        return count("credentialId = ?1 AND outcome <> ?2", credentialId, LoginAttempt.Outcome.REGISTERED);
    }

    /**
     * Deletes the {@code limit} oldest attempts from before {@code cutoff}, leaving those of the
     * logins in {@code kept} and of the logins of the accounts in {@code kept} (legal holds); all of
     * them in one statement when the batch is large and the statistics expect no more than
     * {@code limit} (a few more if they are a little off).
     */
    public long deleteBatchOlderThan(Instant cutoff, Collection<UUID> kept, int limit) {
        if (limit >= ONE_STATEMENT_FROM && expectedOlderThan(cutoff) <= limit) {
            // the statistics say everything left fits in a large batch: one plain DELETE, without
            // first walking the index to find where the batch would end (statistics a little off
            // make a batch a little larger, never wrong; small batches are cheap to find either way),
            // with the cut-off as a timestamptz literal, compared as the column's own type
            var all = getEntityManager().createNativeQuery(
                    "DELETE FROM login_attempt a WHERE a.occurred_at < " + literal(cutoff) + " " + notHeld("a", kept, 1));
            if (!kept.isEmpty()) {
                all.setParameter(1, kept.toArray(UUID[]::new));
            }
            return all.executeUpdate();
        }
        // by row address: the oldest rows through the occurred_at index, then each deleted where it
        // lies - no scan of the whole table per batch, so a batch costs what its rows cost however
        // many dead rows earlier batches left behind
        var delete = getEntityManager().createNativeQuery("""
                        DELETE FROM login_attempt WHERE ctid = ANY(ARRAY(
                            SELECT a.ctid FROM login_attempt a WHERE a.occurred_at < ?1 %s
                             ORDER BY a.occurred_at LIMIT ?2))""".formatted(notHeld("a", kept, 3)))
                .setParameter(1, cutoff)
                .setParameter(2, limit);
        if (!kept.isEmpty()) {
            delete.setParameter(3, kept.toArray(UUID[]::new));
        }
        return delete.executeUpdate();
    }

    /** How many attempts from before {@code cutoff} the planner's statistics expect: a plan, not a count. */
    private long expectedOlderThan(Instant cutoff) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (Statement explain = connection.createStatement();
                 ResultSet plan = explain.executeQuery("EXPLAIN (FORMAT JSON) SELECT 1 FROM login_attempt WHERE occurred_at < "
                         + literal(cutoff))) {
                plan.next();
                Matcher rows = PLAN_ROWS.matcher(plan.getString(1));
                return rows.find() ? Long.parseLong(rows.group(1)) : Long.MAX_VALUE;
            }
        });
    }

    /** An Instant prints as an ISO-8601 timestamp: nothing from outside goes into the statement's text. */
    private static String literal(Instant instant) {
        return "'" + instant + "'::timestamptz";
    }

    /** The condition that leaves the attempts of held logins and accounts (parameter {@code held}), on the table aliased {@code alias}. */
    private static String notHeld(String alias, Collection<UUID> kept, int held) {
        return kept.isEmpty() ? "" : """
                AND (%1$s.credential_id IS NULL OR NOT (%1$s.credential_id = ANY(?%2$d)
                         OR EXISTS (SELECT 1 FROM credential c WHERE c.id = %1$s.credential_id AND c.account_id = ANY(?%2$d))))"""
                .formatted(alias, held);
    }
}
