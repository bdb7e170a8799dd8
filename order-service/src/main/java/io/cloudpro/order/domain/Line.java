package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.UUID;

/** One line of a quotation or order, with the price and rate it was made with (a later price change does not touch it). */
@Embeddable
public class Line {

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price_cents", nullable = false)
    public long unitPriceCents;

    @Enumerated(EnumType.STRING)
    @Column(name = "vat_rate", nullable = false)
    public VatRate vatRate;

    @Column(name = "net_cents", nullable = false)
    public long netCents;

    /** For a domain registration: the domain to register. */
    @Column(name = "domain")
    public String domain;

    public static Line of(Product product, int quantity, String domain) {
        Line line = new Line();
        line.productId = product.id;
        line.description = product.name;
        line.quantity = quantity;
        line.unitPriceCents = product.unitPriceCents;
        line.vatRate = product.vatRate;
        line.netCents = Math.multiplyExact(product.unitPriceCents, (long) quantity);
        line.domain = domain;
        line.description = domain == null ? product.name : product.name + " - " + domain;
        return line;
    }

    public Line copy() {
        Line line = new Line();
        line.productId = productId;
        line.description = description;
        line.quantity = quantity;
        line.unitPriceCents = unitPriceCents;
        line.vatRate = vatRate;
        line.netCents = netCents;
        line.domain = domain;
        return line;
    }
}
