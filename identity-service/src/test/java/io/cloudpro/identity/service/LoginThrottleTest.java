package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.AttemptHistory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoginThrottleTest {

    final LoginThrottle throttle = new LoginThrottle(5, 10, Duration.ofMinutes(15), 100);
    final Instant now = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void fewFailuresCostNothing() {
        assertNull(throttle.blockedUntil(addressFailures(4, now.minusSeconds(1)), now));
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        Instant last = now.minusMillis(100);
        assertEquals(last.plusSeconds(1), throttle.blockedUntil(addressFailures(5, last), now));
        assertEquals(last.plusSeconds(2), throttle.blockedUntil(addressFailures(6, last), now));
        assertEquals(last.plusSeconds(16), throttle.blockedUntil(addressFailures(9, last), now));
    }

    @Test
    void theWaitStopsAtTheLockTime() {
        Instant last = now.minusSeconds(10);
        assertEquals(last.plus(Duration.ofMinutes(15)), throttle.blockedUntil(addressFailures(40, last), now));
    }

    @Test
    void aWaitThatHasPassedBlocksNothing() {
        assertNull(throttle.blockedUntil(addressFailures(7, now.minusSeconds(5)), now));
    }

    @Test
    void noAddressGetsMoreThanAHundredPasswordChecksAnHour() {
        Instant hundredthMostRecent = now.minus(Duration.ofMinutes(50));
        assertEquals(hundredthMostRecent.plus(Duration.ofHours(1)),
                throttle.blockedUntil(new AttemptHistory(100, hundredthMostRecent, 0, null, 0, null), now));
        assertNull(throttle.blockedUntil(new AttemptHistory(99, null, 0, null, 0, null), now));
    }

    @Test
    void manyFailuresFromOneIpAddressSlowItDown() {
        Instant last = now.minusMillis(200);
        assertNull(throttle.blockedUntil(ipFailures(9, last), now));
        assertEquals(last.plusSeconds(1), throttle.blockedUntil(ipFailures(10, last), now));
        assertEquals(last.plusSeconds(8), throttle.blockedUntil(ipFailures(13, last), now));
    }

    @Test
    void theLongerOfTwoWaitsApplies() {
        Instant last = now.minusMillis(100);
        AttemptHistory both = new AttemptHistory(8, null, 6, last, 13, last);
        assertEquals(last.plusSeconds(8), throttle.blockedUntil(both, now));
    }

    private static AttemptHistory addressFailures(int count, Instant last) {
        return new AttemptHistory(count, null, count, last, 0, null);
    }

    private static AttemptHistory ipFailures(int count, Instant last) {
        return new AttemptHistory(0, null, 0, null, count, last);
    }
}
