package io.cloudpro.order.domain;

/**
 * How a line is taxed on an invoice: the product's Dutch rate, or - for an EU business customer
 * whose VAT id was confirmed - reverse charge ("btw verlegd"), where the customer accounts for the
 * VAT. {@code code} is the UNCL5305 category an e-invoice carries (EN 16931 BT-151).
 */
public enum TaxCategory {
    STANDARD("S", 21), REDUCED("S", 9), ZERO("Z", 0), EXEMPT("E", 0), REVERSE_CHARGE("AE", 0);

    private final String code;
    private final int percent;

    TaxCategory(String code, int percent) {
        this.code = code;
        this.percent = percent;
    }

    public String code() {
        return code;
    }

    public int percent() {
        return percent;
    }

    public static TaxCategory of(VatRate rate, boolean reverseCharge) {
        return reverseCharge ? REVERSE_CHARGE : valueOf(rate.name());
    }

    /** The VAT on a net amount, rounded half up to a cent - applied to a rate's total, never per line. */
    public long vatOn(long netCents) {
        return VatRate.percentOf(netCents, percent);
    }

    /** What the invoice says for a line without VAT: why there is none. */
    public String exemptionReason() {
        return switch (this) {
            case EXEMPT -> "Vrijgesteld van btw (art. 11 Wet OB 1968)";
            case REVERSE_CHARGE -> "btw verlegd (Reverse charge)";
            default -> null;
        };
    }
}
