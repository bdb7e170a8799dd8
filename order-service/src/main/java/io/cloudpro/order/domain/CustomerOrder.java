package io.cloudpro.order.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An order of an account, placed directly or by accepting a quotation (at most one order per quotation). */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String number;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "placed_by", nullable = false)
    public UUID placedBy;

    @Column(name = "quotation_id", unique = true)
    public UUID quotationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "net_cents", nullable = false)
    public long netCents;

    @Column(name = "vat_cents", nullable = false)
    public long vatCents;

    @Column(name = "gross_cents", nullable = false)
    public long grossCents;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    public List<Line> lines = new ArrayList<>();
}
