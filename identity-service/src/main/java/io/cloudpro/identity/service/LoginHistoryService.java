package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.LoginAttempt;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.platform.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The login history a customer sees. Its end (IP addresses kept only as long as they protect the
 * account, 90 days) is retention-service's rolling rule, carried out by this service's PURGE.
 */
@ApplicationScoped
public class LoginHistoryService {

    private final LoginAttemptRepository attempts;

    LoginHistoryService(LoginAttemptRepository attempts) {
        this.attempts = attempts;
    }

    /** The caller's own attempts, newest first. */
    @Transactional
    public Page<LoginAttempt> history(Caller caller, int page, int size) {
        return new Page<>(attempts.history(caller.loginId(), page, size), page, size,
                attempts.countHistory(caller.loginId()));
    }
}
