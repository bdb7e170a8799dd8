package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;


/** IP addresses are kept only as long as they protect the account: login history goes after 90 days. */
@ApplicationScoped
public class LoginHistoryCleanup {

    private static final Logger LOG = Logger.getLogger(LoginHistoryCleanup.class);

    private final LoginAttemptRepository attempts;
    private final IdentityConfig config;

    LoginHistoryCleanup(LoginAttemptRepository attempts, IdentityConfig config) {
        this.attempts = attempts;
        this.config = config;
    }

    @Scheduled(every = "${identity.login.history-cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void deleteOldEntries() {
        long deleted = attempts.deleteOlderThan(Timestamps.now().minus(config.login().historyRetention()));
        if (deleted > 0) {
            LOG.infof("Deleted %d login history entries older than %s", deleted, config.login().historyRetention());
        }
    }
}
