package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.LoginAttempt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When may the next password be tried? Repeated failures on one e-mail address, or from one IP
 * address, make each further attempt wait longer - 1 s, 2 s, 4 s ... up to {@code maxDelay}, which
 * amounts to a lock - and no address gets more than {@code maxChecksPerHour} password checks an
 * hour. Unknown addresses are throttled exactly like real ones, so throttling reveals nothing.
 */
public final class LoginThrottle {

    static final Duration IP_WINDOW = Duration.ofMinutes(15);

    private final int freeFailures;
    private final int freeFailuresPerIp;
    private final Duration maxDelay;
    private final int maxChecksPerHour;

    public LoginThrottle(IdentityConfig.Login config) {
        this(config.freeFailures(), config.freeFailuresPerIp(), config.maxDelay(), config.maxChecksPerHour());
    }

    LoginThrottle(int freeFailures, int freeFailuresPerIp, Duration maxDelay, int maxChecksPerHour) {
        this.freeFailures = freeFailures;
        this.freeFailuresPerIp = freeFailuresPerIp;
        this.maxDelay = maxDelay;
        this.maxChecksPerHour = maxChecksPerHour;
    }

    /**
     * @param forAddress attempts on the address in the last hour, newest first
     * @param failuresFromIp failed attempts from the IP address in the last 15 minutes, newest first
     * @return null if a password may be checked now, else the earliest moment it may
     */
    public Instant blockedUntil(List<LoginAttempt> forAddress, List<LoginAttempt> failuresFromIp, Instant now) {
        Instant until = null;
        List<LoginAttempt> checks = forAddress.stream().filter(a -> a.passwordChecked).toList();
        if (checks.size() >= maxChecksPerHour) {
            until = later(until, checks.get(maxChecksPerHour - 1).occurredAt.plus(Duration.ofHours(1)));
        }
        int consecutive = 0;
        Instant lastFailure = null;
        for (LoginAttempt attempt : forAddress) {
            if (attempt.outcome == LoginAttempt.Outcome.SUCCESS) {
                break;
            }
            if (attempt.outcome == LoginAttempt.Outcome.FAILURE) {
                consecutive++;
                lastFailure = lastFailure == null ? attempt.occurredAt : lastFailure;
            }
        }
        until = later(until, waitAfter(consecutive, freeFailures, lastFailure));
        if (!failuresFromIp.isEmpty()) {
            until = later(until, waitAfter(failuresFromIp.size(), freeFailuresPerIp, failuresFromIp.get(0).occurredAt));
        }
        return until != null && until.isAfter(now) ? until : null;
    }

    private Instant waitAfter(int failures, int free, Instant lastFailure) {
        if (failures < free || lastFailure == null) {
            return null;
        }
        int doublings = Math.min(failures - free, 30);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return lastFailure.plus(wait.compareTo(maxDelay) < 0 ? wait : maxDelay);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
