package io.cloudpro.privacy;

import io.cloudpro.privacy.domain.Deadlines;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GDPR art. 12(3) counted as the law counts months (Regulation 1182/71 art. 3). */
class DeadlinesTest {

    @Test
    void oneCalendarMonthIsTheSameDayNextMonthOrThatMonthsLastDay() {
        assertEquals(LocalDate.of(2026, 2, 15), Deadlines.dueOn(LocalDate.of(2026, 1, 15)));
        assertEquals(LocalDate.of(2026, 2, 28), Deadlines.dueOn(LocalDate.of(2026, 1, 31)));
        assertEquals(LocalDate.of(2028, 2, 29), Deadlines.dueOn(LocalDate.of(2028, 1, 31)), "a leap year");
        assertEquals(LocalDate.of(2026, 2, 28), Deadlines.dueOn(LocalDate.of(2026, 1, 28)));
        assertEquals(LocalDate.of(2026, 4, 30), Deadlines.dueOn(LocalDate.of(2026, 3, 31)));
        assertEquals(LocalDate.of(2027, 1, 31), Deadlines.dueOn(LocalDate.of(2026, 12, 31)), "across the year");
    }

    @Test
    void anExtensionAddsOneOrTwoMonthsCountedFromReceipt() {
        assertEquals(LocalDate.of(2026, 3, 31), Deadlines.extendedTo(LocalDate.of(2026, 1, 31), 1));
        assertEquals(LocalDate.of(2026, 4, 30), Deadlines.extendedTo(LocalDate.of(2026, 1, 31), 2));
        assertEquals(LocalDate.of(2026, 2, 28), Deadlines.extendedTo(LocalDate.of(2025, 11, 30), 2));
        assertThrows(IllegalArgumentException.class, () -> Deadlines.extendedTo(LocalDate.of(2026, 1, 31), 3));
        assertThrows(IllegalArgumentException.class, () -> Deadlines.extendedTo(LocalDate.of(2026, 1, 31), 0));
    }

    @Test
    void theDayOfReceiptIsTheDutchDate() {
        // 23:30 UTC on 31 January is already 1 February in the Netherlands
        assertEquals(LocalDate.of(2026, 2, 1), Deadlines.receivedOn(Instant.parse("2026-01-31T23:30:00Z")));
        assertEquals(LocalDate.of(2026, 1, 31), Deadlines.receivedOn(Instant.parse("2026-01-31T22:30:00Z")));
        // summer time: UTC+2
        assertEquals(LocalDate.of(2026, 7, 1), Deadlines.receivedOn(Instant.parse("2026-06-30T22:30:00Z")));
    }
}
