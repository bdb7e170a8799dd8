package io.cloudpro.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Proof of one newsletter opt-in or opt-out; rows are only ever added. */
@Entity
@Table(name = "newsletter_consent")
public class NewsletterConsent {

    public enum Method { REGISTRATION, PROFILE, UNSUBSCRIBE_LINK, ACCOUNT_CLOSED, OBJECTION, ERASURE }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public boolean subscribed;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Method method;

    /** The version (date) of the privacy statement the person was shown. */
    @Column(name = "privacy_notice_version", nullable = false)
    public String privacyNoticeVersion;
}
