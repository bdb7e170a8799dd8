package io.cloudpro.privacy.domain;

import io.cloudpro.platform.privacy.PrivacyCommand;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A command sent to the participants for a request, as it was sent (so that a retry sends the same). */
@Entity
@Table(name = "request_command")
public class RequestCommand {

    @Id
    @Column(name = "command_id")
    public UUID commandId;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PrivacyCommand.Kind kind;

    /** The PrivacyCommand as JSON. */
    @Column(nullable = false)
    public String command;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;
}
