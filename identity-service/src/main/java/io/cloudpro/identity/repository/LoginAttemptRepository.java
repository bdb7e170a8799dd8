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
        // by row address: the oldest rows through the occurred_at index, then each deleted where it
        // lies - no scan of the whole table per batch, however large the batch
        String held = kept.isEmpty() ? "" : """
                AND (a.credential_id IS NULL OR NOT (a.credential_id = ANY(?3)
                         OR EXISTS (SELECT 1 FROM credential c WHERE c.id = a.credential_id AND c.account_id = ANY(?3))))""";
        var delete = getEntityManager().createNativeQuery("""
                        DELETE FROM login_attempt WHERE ctid = ANY(ARRAY(
                            SELECT a.ctid FROM login_attempt a WHERE a.occurred_at < ?1 %s
                             ORDER BY a.occurred_at LIMIT ?2))""".formatted(held))
                .setParameter(1, cutoff)
                .setParameter(2, limit);
        if (!kept.isEmpty()) {
            delete.setParameter(3, kept.toArray(UUID[]::new));
        }
        return delete.executeUpdate();
    }
}
