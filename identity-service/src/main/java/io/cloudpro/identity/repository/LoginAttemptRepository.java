package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.LoginAttempt;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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

    public long deleteOlderThan(Instant cutoff) {
        return delete("occurredAt < ?1", cutoff);
    }
}
