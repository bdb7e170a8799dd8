package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.AccountAccess;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AccountAccessRepository implements PanacheRepositoryBase<AccountAccess, UUID> {

    public List<AccountAccess> forAccount(UUID accountId, int page, int size) {
        return find("accountId = ?1 ORDER BY occurredAt DESC", accountId).page(page, size).list();
    }
}
