package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The answer to an access or portability request: a copy of personal data, deleted when it expires. */
@Entity
@Table(name = "access_package")
public class AccessPackage {

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(nullable = false)
    public String content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** SHA-256 of the one-time download token mailed to the person. */
    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "token_used_at")
    public Instant tokenUsedAt;
}
