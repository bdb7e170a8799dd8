package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A complaint about how personal data was handled; answered by the privacy officer. */
@Entity
@Table(name = "complaint")
public class Complaint {

    public enum Status { RECEIVED, ANSWERED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "login_id")
    public UUID loginId;

    public String email;

    /** The request it is about, if any. */
    @Column(name = "request_id")
    public UUID requestId;

    @Column(nullable = false)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public String answer;

    @Column(name = "answered_by")
    public UUID answeredBy;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Version
    public long version;
}
