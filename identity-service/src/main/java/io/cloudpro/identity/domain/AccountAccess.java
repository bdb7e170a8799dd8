package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A staff member's look at, or change to, a customer account, with the reason they gave. */
@Entity
@Table(name = "account_access")
public class AccountAccess {

    public enum Action { SEARCH, VIEW, LOCK, UNLOCK, REOPEN }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "staff_id", nullable = false)
    public UUID staffId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    @Column(nullable = false)
    public String reason;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
