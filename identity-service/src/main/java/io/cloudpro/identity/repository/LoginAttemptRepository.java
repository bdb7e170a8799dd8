package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.LoginAttempt;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LoginAttemptRepository implements PanacheRepositoryBase<LoginAttempt, UUID> {

    public List<LoginAttempt> history(UUID credentialId, int page, int size) {
        return find("credentialId = ?1 AND outcome <> ?2 ORDER BY occurredAt DESC", credentialId,
                LoginAttempt.Outcome.REGISTERED).page(page, size).list();
    }

    public long countHistory(UUID credentialId) {
        return count("credentialId = ?1 AND outcome <> ?2", credentialId, LoginAttempt.Outcome.REGISTERED);
    }

    /**
     * Deletes the {@code limit} oldest attempts from before {@code cutoff} (a few more when several
     * share the last one's time), leaving those of the logins in {@code kept} and of the logins of the
     * accounts in {@code kept} (legal holds); all of them when fewer are left.
     */
    public long deleteBatchOlderThan(Instant cutoff, Collection<UUID> kept, int limit) {
        // a range, not a list of rows: the index finds the time of the limit-th oldest row, and the
        // planner then deletes everything up to it as a plain DELETE would (a sequential scan when
        // the range is most of the table, the index when it is a small part) - a batch costs about
        // what the same rows cost in one statement, and the next batch starts where this one ended
        var delete = getEntityManager().createNativeQuery("""
                        DELETE FROM login_attempt a WHERE a.occurred_at < ?1 %s
                           AND a.occurred_at <= coalesce((SELECT b.occurred_at FROM login_attempt b
                                                            WHERE b.occurred_at < ?1 %s
                                                            ORDER BY b.occurred_at OFFSET ?2 LIMIT 1), ?1)"""
                        .formatted(notHeld("a", kept), notHeld("b", kept)))
                .setParameter(1, cutoff)
                .setParameter(2, limit - 1);
        if (!kept.isEmpty()) {
            delete.setParameter(3, kept.toArray(UUID[]::new));
        }
        return delete.executeUpdate();
    }

    /** The condition that leaves the attempts of held logins and accounts (parameter 3), on the table aliased {@code alias}. */
    private static String notHeld(String alias, Collection<UUID> kept) {
        return kept.isEmpty() ? "" : """
                AND (%1$s.credential_id IS NULL OR NOT (%1$s.credential_id = ANY(?3)
                         OR EXISTS (SELECT 1 FROM credential c WHERE c.id = %1$s.credential_id AND c.account_id = ANY(?3))))"""
                .formatted(alias);
    }
}
