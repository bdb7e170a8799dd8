package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Something customers can order, at a price excluding VAT and a VAT rate; admins manage them. */
@Entity
@Table(name = "product")
public class Product {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String sku;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProductKind kind;

    @Column(name = "unit_price_cents", nullable = false)
    public long unitPriceCents;

    @Enumerated(EnumType.STRING)
    @Column(name = "vat_rate", nullable = false)
    public VatRate vatRate;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
