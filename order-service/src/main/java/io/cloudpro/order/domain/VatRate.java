package io.cloudpro.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The Dutch VAT rates (Wet OB 1968): 21 % standard, 9 % reduced, 0 % (e.g. exports), and exempt
 * supplies, which carry no VAT and say so on the invoice.
 */
public enum VatRate {
    STANDARD(21), REDUCED(9), ZERO(0), EXEMPT(0);

    private final int percent;

    VatRate(int percent) {
        this.percent = percent;
    }

    public int percent() {
        return percent;
    }

    /** The VAT on a net amount of cents, rounded half up to a cent - applied to a rate's total, not per line. */
    public long vatOn(long netCents) {
        return percentOf(netCents, percent);
    }

    /** {@code percent} % of an amount of cents, rounded half up (away from zero) to a cent. */
    public static long percentOf(long cents, int percent) {
        return BigDecimal.valueOf(cents).multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
