package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One rate of an invoice: the net total of its lines and the VAT on that total, rounded half up. */
@Embeddable
public class InvoiceVat {

    @Enumerated(EnumType.STRING)
    @Column(name = "vat_rate", nullable = false)
    public TaxCategory tax;

    @Column(nullable = false)
    public int percent;

    @Column(name = "net_cents", nullable = false)
    public long netCents;

    @Column(name = "vat_cents", nullable = false)
    public long vatCents;

    /** Per category, in the order of {@link TaxCategory}: the VAT is computed on each rate's total. */
    public static List<InvoiceVat> of(List<InvoiceLine> lines) {
        Map<TaxCategory, Long> net = new EnumMap<>(TaxCategory.class);
        for (InvoiceLine line : lines) {
            net.merge(line.tax, line.netCents, Math::addExact);
        }
        List<InvoiceVat> rates = new ArrayList<>();
        net.forEach((tax, cents) -> {
            InvoiceVat vat = new InvoiceVat();
            vat.tax = tax;
            vat.percent = tax.percent();
            vat.netCents = cents;
            vat.vatCents = tax.vatOn(cents);
            rates.add(vat);
        });
        return rates;
    }
}
