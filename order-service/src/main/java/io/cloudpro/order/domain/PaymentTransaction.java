package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One change of a payment's status, and what told us. */
@Entity
@Table(name = "payment_transaction")
public class PaymentTransaction {

    /** Where the news came from. */
    public enum Source { START, WEBHOOK, CHECK, CAPTURE, RETURN }

    @Id
    public UUID id;

    @Column(name = "payment_id", nullable = false)
    public UUID paymentId;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", nullable = false)
    public PaymentStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public PaymentStatus toStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source;

    public String detail;
}
