package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The login history a customer sees, and its end: IP addresses are kept only as long as they
 * protect the account, 90 days.
 */
@ApplicationScoped
public class LoginHistoryService {

    private static final Logger LOG = Logger.getLogger(LoginHistoryService.class);

    private final LoginAttemptRepository attempts;
    private final IdentityConfig config;

    LoginHistoryService(LoginAttemptRepository attempts, IdentityConfig config) {
        this.attempts = attempts;
        this.config = config;
    }

    /** The caller's own attempts, newest first. */
    @Transactional
    public Page<LoginAttempt> history(Caller caller, int page, int size) {
        return new Page<>(attempts.history(caller.loginId(), page, size), page, size,
                attempts.countHistory(caller.loginId()));
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
