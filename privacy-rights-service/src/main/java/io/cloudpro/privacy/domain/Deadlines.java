package io.cloudpro.privacy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * GDPR art. 12(3): an answer within one month of receipt, extendable once by up to two further
 * months. Counted in calendar months as the law counts them (Regulation 1182/71 art. 3(2)(c)): the
 * same day of the next month, or that month's last day when the day does not exist - received on
 * 31 January, due on 28 (or 29) February. Dates are Dutch dates.
 */
public final class Deadlines {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** At most two further months (art. 12(3)). */
    public static final int MAX_EXTENSION_MONTHS = 2;

    private Deadlines() {
    }

    /** The day a request that arrived at {@code receivedAt} was received, in the Netherlands. */
    public static LocalDate receivedOn(Instant receivedAt) {
        return receivedAt.atZone(ZONE).toLocalDate();
    }

    /** One calendar month after receipt. */
    public static LocalDate dueOn(LocalDate receivedOn) {
        return receivedOn.plusMonths(1);
    }

    /** The deadline after an extension by {@code months} (1 or 2), counted from receipt. */
    public static LocalDate extendedTo(LocalDate receivedOn, int months) {
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw new IllegalArgumentException("an extension is 1 or 2 months");
        }
        return receivedOn.plusMonths(1L + months);
    }

    /** Today, in the Netherlands. */
    public static LocalDate today(Instant now) {
        return now.atZone(ZONE).toLocalDate();
    }
}
