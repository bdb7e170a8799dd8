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
     * Deletes at most {@code limit} of the oldest attempts from before {@code cutoff}, leaving those
     * of the logins in {@code kept} and of the logins of the accounts in {@code kept} (legal holds).
     */
    public long deleteBatchOlderThan(Instant cutoff, Collection<UUID> kept, int limit) {
        return getEntityManager().createNativeQuery("""
                        DELETE FROM login_attempt WHERE id IN (
                            SELECT a.id FROM login_attempt a
                              LEFT JOIN credential c ON c.id = a.credential_id
                             WHERE a.occurred_at < ?1
                               AND (a.credential_id IS NULL OR NOT (a.credential_id = ANY(?2) OR c.account_id = ANY(?2)))
                             ORDER BY a.occurred_at LIMIT ?3)""")
                .setParameter(1, cutoff)
                .setParameter(2, kept.toArray(UUID[]::new))
                .setParameter(3, limit)
                .executeUpdate();
    }
}
