package io.cloudpro.identity.repository;

import io.cloudpro.identity.domain.LoginAttempt;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LoginAttemptRepository implements PanacheRepositoryBase<LoginAttempt, UUID> {

    /** Attempts on one address since {@code since}, newest first. */
    public List<LoginAttempt> recentForEmail(String emailHash, Instant since) {
        return list("emailHash = ?1 AND occurredAt > ?2 AND outcome <> ?3 ORDER BY occurredAt DESC",
                emailHash, since, LoginAttempt.Outcome.REGISTERED);
    }

    /** Failed attempts from one IP address since {@code since}, newest first. */
    public List<LoginAttempt> recentFailuresFromIp(String ip, Instant since) {
        return list("ip = ?1 AND occurredAt > ?2 AND outcome = ?3 ORDER BY occurredAt DESC",
                ip, since, LoginAttempt.Outcome.FAILURE);
    }

    /** Whether the login was used (or the account created) from {@code network} since {@code since}. */
    public boolean knowsNetwork(UUID credentialId, String network, Instant since) {
        return count("credentialId = ?1 AND network = ?2 AND occurredAt > ?3 AND outcome IN (?4, ?5)",
                credentialId, network, since, LoginAttempt.Outcome.SUCCESS, LoginAttempt.Outcome.REGISTERED) > 0;
    }

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
