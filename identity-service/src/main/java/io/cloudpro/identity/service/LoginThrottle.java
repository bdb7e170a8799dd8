package io.cloudpro.identity.service;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.domain.AttemptHistory;

import java.time.Duration;
import java.time.Instant;

/**
 * When may the next password be tried? Repeated failures on one e-mail address, or from one IP
 * address, make each further attempt wait longer - 1 s, 2 s, 4 s ... up to {@code maxDelay}, which
 * amounts to a lock - and no address gets more than {@code maxChecksPerHour} password checks an
 * hour. Unknown addresses are throttled exactly like real ones, so throttling reveals nothing.
 */
public final class LoginThrottle {

    public static final Duration ADDRESS_WINDOW = Duration.ofHours(1);
    public static final Duration IP_WINDOW = Duration.ofMinutes(15);

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

    public int maxChecksPerHour() {
        return maxChecksPerHour;
    }

    /** Null if a password may be checked now, else the earliest moment it may. */
    public Instant blockedUntil(AttemptHistory history, Instant now) {
        Instant until = null;
        if (history.checksLastHour() >= maxChecksPerHour && history.capCheckAt() != null) {
            until = history.capCheckAt().plus(ADDRESS_WINDOW);
        }
        until = later(until, waitAfter(history.failuresSinceSuccess(), freeFailures, history.lastFailure()));
        until = later(until, waitAfter(history.ipFailures(), freeFailuresPerIp, history.ipLastFailure()));
        return until != null && until.isAfter(now) ? until : null;
    }

    private Instant waitAfter(long failures, int free, Instant lastFailure) {
        if (failures < free || lastFailure == null) {
            return null;
        }
        long doublings = Math.min(failures - free, 30);
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
