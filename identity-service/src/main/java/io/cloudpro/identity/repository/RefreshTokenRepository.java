package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.RefreshToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    /** Tokens that ran out, or were spent before {@code spentBefore}. */
    public long deleteSpentOrExpired(Instant now, Instant spentBefore) {
        return delete("expiresAt < ?1 OR spentAt < ?2", now, spentBefore);
    }
}
