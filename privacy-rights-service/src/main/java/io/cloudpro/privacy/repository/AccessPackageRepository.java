package io.cloudpro.privacy.repository;

import io.cloudpro.privacy.domain.AccessPackage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AccessPackageRepository implements PanacheRepositoryBase<AccessPackage, UUID> {

    public Optional<AccessPackage> byTokenHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    public long deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
