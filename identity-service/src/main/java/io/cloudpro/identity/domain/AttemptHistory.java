package io.cloudpro.identity.domain;

import java.time.Instant;

/**
 * What the login history says about one login attempt's e-mail address (last hour) and IP address
 * (last 15 minutes): what the throttle decides on.
 *
 * @param checksLastHour       password checks on the address
 * @param capCheckAt           the time of the n-th most recent check (n = the hourly cap), or null
 * @param failuresSinceSuccess failures on the address since its last success
 * @param lastFailure          the latest failure on the address, or null
 * @param ipFailures           failures from the IP address
 * @param ipLastFailure        the latest of those, or null
 */
public record AttemptHistory(long checksLastHour, Instant capCheckAt, long failuresSinceSuccess, Instant lastFailure,
                             long ipFailures, Instant ipLastFailure) {
}
