package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.Account;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    /**
     * Accounts whose owner's e-mail, name or postal code contains {@code text}, for support staff.
     */
    public List<Account> search(String text, int page, int size) {
        return find("""
                        FROM Account a WHERE lower(a.lastName) LIKE ?1 OR lower(a.firstName) LIKE ?1
                           OR replace(lower(a.postalCode), ' ', '') LIKE ?2
                           OR a.id IN (SELECT c.accountId FROM Credential c WHERE c.kind = 'OWNER' AND c.email LIKE ?1)
                        ORDER BY a.lastName, a.firstName, a.id""",
                like(text), like(text.replace(" ", "")))
                .page(page, size).list();
    }

    public long countSearch(String text) {
        return count("""
                        lower(lastName) LIKE ?1 OR lower(firstName) LIKE ?1 OR replace(lower(postalCode), ' ', '') LIKE ?2
                           OR id IN (SELECT c.accountId FROM Credential c WHERE c.kind = 'OWNER' AND c.email LIKE ?1)""",
                like(text), like(text.replace(" ", "")));
    }

    private static String like(String text) {
        // wildcards in the search text are taken out rather than escaped
        return "%" + text.toLowerCase().replace("%", "").replace("_", "") + "%";
    }
}
