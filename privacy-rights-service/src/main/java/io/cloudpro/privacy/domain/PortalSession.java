package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A login to the privacy portal, found by the hash of its cookie's value. */
@Entity
@Table(name = "portal_session")
public class PortalSession {

    @Id
    @Column(name = "id_hash")
    public byte[] idHash;

    @Column(name = "login_id", nullable = false)
    public UUID loginId;

    /** identity-service's session (the tokens' {@code sid}): when it is revoked there, this one ends. */
    @Column(name = "identity_session")
    public UUID identitySession;

    @Column(name = "account_id")
    public UUID accountId;

    /** Comma-separated roles. */
    @Column(nullable = false)
    public String roles;

    /** The access and the refresh token, encrypted. */
    @Column(nullable = false)
    public byte[] tokens;

    @Column(name = "access_expires_at", nullable = false)
    public Instant accessExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
