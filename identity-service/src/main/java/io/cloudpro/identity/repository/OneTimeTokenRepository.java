package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.OneTimeToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class OneTimeTokenRepository implements PanacheRepositoryBase<OneTimeToken, String> {

    public long deleteUsedOrExpired(Instant now) {
        return delete("usedAt IS NOT NULL OR expiresAt < ?1", now);
    }
}
