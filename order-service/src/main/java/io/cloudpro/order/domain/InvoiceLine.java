package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A line of an issued invoice or credit note: description, quantity, price and how it is taxed. */
@Embeddable
public class InvoiceLine {

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price_cents", nullable = false)
    public long unitPriceCents;

    @Enumerated(EnumType.STRING)
    @Column(name = "vat_rate", nullable = false)
    public TaxCategory tax;

    @Column(name = "net_cents", nullable = false)
    public long netCents;

    /** On a credit note: the position (1-based) of the corrected invoice's line this takes back. */
    @Column(name = "corrects_position")
    public Integer correctsPosition;

    public static InvoiceLine of(String description, int quantity, long unitPriceCents, TaxCategory tax) {
        InvoiceLine line = new InvoiceLine();
        line.description = description;
        line.quantity = quantity;
        line.unitPriceCents = unitPriceCents;
        line.tax = tax;
        line.netCents = Math.multiplyExact(unitPriceCents, (long) quantity);
        return line;
    }
}
