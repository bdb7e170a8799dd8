package io.cloudpro.platform.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The sessions whose access tokens this service refuses, held in memory for the per-request check
 * and reloaded from the database every second, so that a replica learns a revocation that its
 * sibling consumed. Rows go once every token of their session has expired.
 */
@ApplicationScoped
public class RevokedSessions {

    private static final Logger LOG = Logger.getLogger(RevokedSessions.class);

    private final RevokedSessionRepository repository;
    private final TransactionSynchronizationRegistry transactions;
    private volatile Set<UUID> revoked = Set.of();

    RevokedSessions(RevokedSessionRepository repository, TransactionSynchronizationRegistry transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    public boolean isRevoked(UUID sessionId) {
        return revoked.contains(sessionId);
    }

    /** Records a revocation in the caller's transaction; this replica refuses the session as soon as it committed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID sessionId, Instant revokedAt, Instant forgetAfter) {
        repository.add(sessionId, revokedAt, forgetAfter);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    remember(sessionId);
                }
            }
        });
    }

    private synchronized void remember(UUID sessionId) {
        Set<UUID> copy = new HashSet<>(revoked);
        copy.add(sessionId);
        revoked = Set.copyOf(copy);
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "${cloudpro.security.revoked-sessions-refresh:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        try {
            Set<UUID> current = Set.copyOf(QuarkusTransaction.requiringNew().call(() -> repository.stillRelevant(Instant.now())));
            synchronized (this) {
                revoked = current;
            }
        } catch (RuntimeException e) {
            // database away: keep refusing what we know, try again in a second
            LOG.debugf("Revoked sessions not reloaded (%s)", e.getClass().getSimpleName());
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        QuarkusTransaction.requiringNew().run(() -> repository.deleteForgettable(Instant.now()));
    }
}
