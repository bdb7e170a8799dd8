package io.cloudpro.privacy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One participant's part in one command: when it was sent, how often, and the answer once it came.
 * {@code export} holds the data a participant exported, fetched by claim check.
 */
@Entity
@Table(name = "command_participant")
@IdClass(CommandParticipant.Key.class)
public class CommandParticipant {

    @Id
    @Column(name = "command_id")
    public UUID commandId;

    @Id
    public String service;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_retry_at")
    public Instant nextRetryAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** The PrivacyResult as JSON. */
    public String result;

    /** The exported data as JSON, once fetched. */
    public String export;

    public boolean answered() {
        return answeredAt != null;
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID commandId;
        public String service;

        public Key() {
        }

        public Key(UUID commandId, String service) {
            this.commandId = commandId;
            this.service = service;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(commandId, k.commandId) && Objects.equals(service, k.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(commandId, service);
        }
    }
}
