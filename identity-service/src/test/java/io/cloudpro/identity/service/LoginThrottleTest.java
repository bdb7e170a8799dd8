package io.cloudpro.identity.service;

import io.cloudpro.identity.domain.LoginAttempt;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoginThrottleTest {

    final LoginThrottle throttle = new LoginThrottle(5, 10, Duration.ofMinutes(15), 100);
    final Instant now = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void fewFailuresCostNothing() {
        assertNull(throttle.blockedUntil(failures(4, now.minusSeconds(1)), List.of(), now));
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        Instant last = now.minusMillis(100);
        assertEquals(last.plusSeconds(1), throttle.blockedUntil(failures(5, last), List.of(), now));
        assertEquals(last.plusSeconds(2), throttle.blockedUntil(failures(6, last), List.of(), now));
        assertEquals(last.plusSeconds(16), throttle.blockedUntil(failures(9, last), List.of(), now));
    }

    @Test
    void theWaitStopsAtTheLockTime() {
        Instant last = now.minusSeconds(10);
        assertEquals(last.plus(Duration.ofMinutes(15)), throttle.blockedUntil(failures(40, last), List.of(), now));
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        List<LoginAttempt> attempts = new ArrayList<>(failures(2, now.minusSeconds(1)));
        attempts.add(attempt(LoginAttempt.Outcome.SUCCESS, now.minusSeconds(30), true));
        attempts.addAll(failures(20, now.minusSeconds(60)));
        assertNull(throttle.blockedUntil(attempts, List.of(), now));
    }

    @Test
    void throttledAttemptsDoNotCountAsFailures() {
        List<LoginAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(attempt(LoginAttempt.Outcome.THROTTLED, now.minusMillis(10 + i), false));
        }
        attempts.addAll(failures(5, now.minusSeconds(2)));
        assertNull(throttle.blockedUntil(attempts, List.of(), now));
    }

    @Test
    void noAddressGetsMoreThanAHundredPasswordChecksAnHour() {
        // 100 checks spread over the last hour, each of them a success: no failure streak at all
        List<LoginAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            attempts.add(attempt(LoginAttempt.Outcome.SUCCESS, now.minusSeconds(10 + i * 30L), true));
        }
        Instant oldestCounted = attempts.get(99).occurredAt;
        assertEquals(oldestCounted.plus(Duration.ofHours(1)), throttle.blockedUntil(attempts, List.of(), now));
        assertNull(throttle.blockedUntil(attempts.subList(0, 99), List.of(), now));
    }

    @Test
    void manyFailuresFromOneIpAddressSlowItDown() {
        Instant last = now.minusMillis(200);
        assertNull(throttle.blockedUntil(List.of(), failures(9, last), now));
        assertEquals(last.plusSeconds(1), throttle.blockedUntil(List.of(), failures(10, last), now));
        assertEquals(last.plusSeconds(8), throttle.blockedUntil(List.of(), failures(13, last), now));
    }

    private static List<LoginAttempt> failures(int count, Instant newest) {
        List<LoginAttempt> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(attempt(LoginAttempt.Outcome.FAILURE, newest.minusMillis(i), true));
        }
        return list;
    }

    private static LoginAttempt attempt(LoginAttempt.Outcome outcome, Instant at, boolean checked) {
        LoginAttempt a = new LoginAttempt();
        a.outcome = outcome;
        a.occurredAt = at;
        a.passwordChecked = checked;
        return a;
    }
}
