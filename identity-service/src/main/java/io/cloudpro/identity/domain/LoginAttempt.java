package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the login history (kept 90 days): when, from where, with which result. Attempts for
 * unknown addresses are kept by the address's hash only, so that throttling treats them alike.
 */
@Entity
@Table(name = "login_attempt")
public class LoginAttempt {

    /**
     * PENDING: the password is being checked (the attempt was reserved first, so that parallel
     * attempts count). REGISTERED records where an account was created from, so that its first login
     * is not "new".
     */
    public enum Outcome { PENDING, SUCCESS, FAILURE, THROTTLED, REGISTERED }

    /** A login, or a password confirmation (changing password or e-mail, closing the account). */
    public enum Purpose { LOGIN, CONFIRMATION }

    @Id
    public UUID id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** HMAC-SHA-256, keyed with a server secret, of the lower-case e-mail address tried. */
    @Column(name = "email_hash", nullable = false)
    public String emailHash;

    @Column(name = "credential_id")
    public UUID credentialId;

    @Column(nullable = false)
    public String ip;

    /** What the throttle counts the client as: its IPv4 address or IPv6 /64. */
    @Column(name = "throttle_key", nullable = false)
    public String throttleKey;

    /** IPv4 /24 or IPv6 /48 that {@link #ip} belongs to, e.g. "203.0.113.0/24". */
    @Column(nullable = false)
    public String network;

    @Column(name = "user_agent")
    public String userAgent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    /** Whether a password hash was computed and compared (counts toward the hourly cap). */
    @Column(name = "password_checked", nullable = false)
    public boolean passwordChecked;

    @Column(name = "new_location", nullable = false)
    public boolean newLocation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose = Purpose.LOGIN;
}
