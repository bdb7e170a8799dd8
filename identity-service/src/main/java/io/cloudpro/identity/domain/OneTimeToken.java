package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A link sent by mail that proves control of an address; stored as a hash, usable once. */
@Entity
@Table(name = "one_time_token")
public class OneTimeToken {

    public enum Purpose { VERIFY_EMAIL, CHANGE_EMAIL, ACTIVATE, RESET_PASSWORD }

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "credential_id", nullable = false)
    public UUID credentialId;

    /** For CHANGE_EMAIL: the address that becomes the login once confirmed. */
    @Column(name = "new_email")
    public String newEmail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    public boolean isUsable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }
}
