package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A request or complaint from an e-mail address, kept until the code mailed to it is entered (or expires). */
@Entity
@Table(name = "email_verification")
public class EmailVerification {

    public enum Purpose { REQUEST, COMPLAINT }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(nullable = false)
    public String email;

    /** What is filed once verified, as JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
