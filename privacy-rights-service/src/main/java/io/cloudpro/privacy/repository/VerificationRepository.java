package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.EmailVerification;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class VerificationRepository implements PanacheRepositoryBase<EmailVerification, UUID> {

    public EmailVerification lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public long countSince(String email, Instant since) {
        return count("email = ?1 AND createdAt > ?2", email, since);
    }

    public long deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
