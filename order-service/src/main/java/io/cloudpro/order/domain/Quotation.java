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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A priced offer to an account, valid for 30 days; accepting it places exactly one order. */
@Entity
@Table(name = "quotation")
public class Quotation {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String number;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public QuotationStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "valid_until", nullable = false)
    public LocalDate validUntil;

    @Column(name = "net_cents", nullable = false)
    public long netCents;

    @Column(name = "vat_cents", nullable = false)
    public long vatCents;

    @Column(name = "gross_cents", nullable = false)
    public long grossCents;

    @Column(name = "order_id", unique = true)
    public UUID orderId;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "quotation_line", joinColumns = @JoinColumn(name = "quotation_id"))
    @OrderColumn(name = "position")
    public List<Line> lines = new ArrayList<>();

    /** Open and not past its last valid day. */
    public boolean acceptableOn(LocalDate today) {
        return status == QuotationStatus.OPEN && !today.isAfter(validUntil);
    }
}
