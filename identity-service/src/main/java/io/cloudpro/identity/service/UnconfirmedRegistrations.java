package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.repository.AccountRepository;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A registration whose e-mail address was not confirmed within 48 hours is deleted with everything
 * it held, and its address is free again: nobody can squat someone else's address by registering it
 * first. Expired registrations go hourly, and at once when someone registers their address.
 */
@ApplicationScoped
public class UnconfirmedRegistrations {

    private static final Logger LOG = Logger.getLogger(UnconfirmedRegistrations.class);

    private final CredentialRepository credentials;
    private final AccountRepository accounts;
    private final IdentityEvents events;
    private final Duration ttl;

    UnconfirmedRegistrations(CredentialRepository credentials, AccountRepository accounts, IdentityEvents events,
                             IdentityConfig config) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.events = events;
        this.ttl = config.tokens().unconfirmedRegistrationTtl();
    }

    /** Deletes the registration holding {@code email} if it was never confirmed and has expired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void freeAddressIfExpired(String email) {
        credentials.findLiveByEmail(email)
                .filter(login -> isExpired(login, Timestamps.now()))
                .ifPresent(this::expire);
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireAll() {
        int expired = expireBatch(Timestamps.now().minus(ttl));
        if (expired > 0) {
            LOG.infof("Deleted %d registrations whose e-mail address was not confirmed within %s", expired, ttl);
        }
    }

    /** Deletes unconfirmed registrations made before {@code cutoff}; returns how many. */
    public int expireBatch(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Credential> owners = credentials.unconfirmedOwnersBefore(cutoff, 500);
            owners.forEach(this::expire);
            return owners.size();
        });
    }

    private boolean isExpired(Credential login, Instant now) {
        return login.kind == Credential.Kind.OWNER && !login.emailVerified && login.createdAt.plus(ttl).isBefore(now);
    }

    private void expire(Credential owner) {
        accounts.deleteUnconfirmed(owner.accountId);
        events.registrationExpired(new IdentityEvents.RegistrationExpired(owner.accountId, Timestamps.now()));
    }
}
