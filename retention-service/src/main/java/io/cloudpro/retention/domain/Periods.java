package io.cloudpro.retention.domain;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.Optional;

/**
 * Retention periods in ISO-8601: date periods (P28D, P90D, P1Y, P7Y) and, for the platform's
 * short-lived rows, durations (PT1H). Two periods are compared by the moment they end when started
 * at the same moment - the way a clock uses them - since P1M and P30D have no order of their own.
 */
public final class Periods {

    private static final LocalDateTime REFERENCE = LocalDateTime.of(2000, 1, 1, 0, 0);

    private Periods() {
    }

    /** The period, if {@code text} is a positive ISO-8601 period or duration. */
    public static Optional<TemporalAmount> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            if (text.startsWith("PT")) {
                Duration duration = Duration.parse(text);
                return duration.isNegative() || duration.isZero() ? Optional.empty() : Optional.of(duration);
            }
            Period period = Period.parse(text);
            return period.isNegative() || period.isZero() ? Optional.empty() : Optional.of(period);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code period} ends before {@code minimum} does. */
    public static boolean isShorter(TemporalAmount period, TemporalAmount minimum) {
        return REFERENCE.plus(period).isBefore(REFERENCE.plus(minimum));
    }

    /** {@code at} minus the period, counted in UTC calendar days and months. */
    public static java.time.Instant before(java.time.Instant at, TemporalAmount period) {
        return at.atZone(ZoneOffset.UTC).minus(period).toInstant();
    }
}
