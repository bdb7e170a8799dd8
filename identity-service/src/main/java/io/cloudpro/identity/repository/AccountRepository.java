package io.cloudpro.identity.repository;

import static io.cloudpro.platform.persistence.SqlTimes.instant;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.identity.domain.Account;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.LoginProfile;
import io.cloudpro.identity.domain.NewsletterRecipient;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    private final AgroalDataSource dataSource;

    AccountRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final String PROFILE = """
            SELECT c.kind, c.email, c.email_verified, c.first_name, c.last_name, c.status, c.created_at,
                   a.id, a.first_name, a.last_name, a.street, a.postal_code, a.city, a.country, a.phone,
                   a.company_name, a.company_street, a.company_postal_code, a.company_city, a.company_country,
                   a.company_vat_id, a.company_kvk_number, a.newsletter_subscribed, a.status, a.created_at, a.closed_at,
                   a.restricted_at
              FROM credential c JOIN account a ON a.id = c.account_id
             WHERE c.id = ?""";

    /**
     * A login with its account, in one query; null when there is no such login. Plain JDBC: this is
     * the read behind GET /me, the hottest of the service, and the objects are only read, never
     * changed (they are not managed by the ORM).
     */
    public LoginProfile profile(UUID loginId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(PROFILE)) {
            query.setObject(1, loginId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Credential login = new Credential();
                login.id = loginId;
                login.kind = Credential.Kind.valueOf(row.getString(1));
                login.email = row.getString(2);
                login.emailVerified = row.getBoolean(3);
                login.firstName = row.getString(4);
                login.lastName = row.getString(5);
                login.status = Credential.Status.valueOf(row.getString(6));
                login.createdAt = instant(row, 7);
                Account account = new Account();
                account.id = row.getObject(8, UUID.class);
                login.accountId = account.id;
                account.firstName = row.getString(9);
                account.lastName = row.getString(10);
                account.street = row.getString(11);
                account.postalCode = row.getString(12);
                account.city = row.getString(13);
                account.country = row.getString(14);
                account.phone = row.getString(15);
                account.companyName = row.getString(16);
                account.companyStreet = row.getString(17);
                account.companyPostalCode = row.getString(18);
                account.companyCity = row.getString(19);
                account.companyCountry = row.getString(20);
                account.companyVatId = row.getString(21);
                account.companyKvkNumber = row.getString(22);
                account.newsletterSubscribed = row.getBoolean(23);
                account.status = Account.Status.valueOf(row.getString(24));
                account.createdAt = instant(row, 25);
                account.closedAt = instant(row, 26);
                account.restrictedAt = instant(row, 27);
                return new LoginProfile(login, account);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the profile", e);
        }
    }

    /**
     * The newsletter's recipients: subscribed, open accounts whose processing is not restricted,
     * with their owner's address.
     */
    public List<NewsletterRecipient> newsletterRecipients() {
        List<Object[]> rows = getEntityManager().createQuery("""
                        SELECT a.id, c.email FROM Account a, Credential c
                         WHERE c.accountId = a.id AND c.kind = 'OWNER' AND c.status = 'ACTIVE'
                           AND a.newsletterSubscribed = true AND a.status = 'ACTIVE'
                           AND a.restrictedAt IS NULL AND a.erasedAt IS NULL
                         ORDER BY a.id""", Object[].class)
                .getResultList();
        return rows.stream().map(r -> new NewsletterRecipient((UUID) r[0], (String) r[1])).toList();
    }

    /**
     * Deletes a never-confirmed registration and everything it left: its login, tokens, history,
     * consent proof and any record of staff looking at it.
     */
    public void deleteUnconfirmed(UUID accountId) {
        for (String sql : new String[] {
                "DELETE FROM login_attempt WHERE credential_id IN (SELECT id FROM credential WHERE account_id = ?1)",
                "DELETE FROM one_time_token WHERE credential_id IN (SELECT id FROM credential WHERE account_id = ?1)",
                "DELETE FROM session WHERE credential_id IN (SELECT id FROM credential WHERE account_id = ?1)",
                "DELETE FROM newsletter_consent WHERE account_id = ?1",
                "DELETE FROM account_access WHERE account_id = ?1",
                "DELETE FROM credential WHERE account_id = ?1",
                "DELETE FROM account WHERE id = ?1"}) {
            getEntityManager().createNativeQuery(sql).setParameter(1, accountId).executeUpdate();
        }
    }

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
