package io.cloudpro.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment of an order at a provider. What is kept of the payer's instrument is masked
 * ({@link AccountMask}); the status changes only on what the provider itself answers, never on what
 * a webhook claims.
 */
@Entity
@Table(name = "payment")
public class Payment {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentProvider provider;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentMethod method;

    @Column(name = "provider_reference")
    public String providerReference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentStatus status;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Column(name = "checkout_url")
    public String checkoutUrl;

    @Column(name = "masked_account")
    public String maskedAccount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(nullable = false)
    public int checks;
}
