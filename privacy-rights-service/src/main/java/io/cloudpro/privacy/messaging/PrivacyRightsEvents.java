package io.cloudpro.privacy.messaging;

import io.cloudpro.platform.events.EventOutbox;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.platform.privacy.StatementPublished;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What privacy-rights-service publishes, documented in {@code src/main/asyncapi/privacy-rights-events.yaml}:
 * the life of requests and complaints on {@value #TOPIC} (ids, types, dates and codes - never who or
 * what was asked), the privacy commands to every participant, and each new privacy statement.
 */
@ApplicationScoped
public class PrivacyRightsEvents {

    public static final String TOPIC = "privacy.requests";
    private static final String PREFIX = "io.cloudpro.privacy.";

    public static final String REQUEST_RECEIVED = PREFIX + "request.received.v1";
    public static final String REQUEST_EXTENDED = PREFIX + "request.extended.v1";
    public static final String REQUEST_COMPLETED = PREFIX + "request.completed.v1";
    public static final String REQUEST_REFUSED = PREFIX + "request.refused.v1";
    public static final String COMPLAINT_RECEIVED = PREFIX + "complaint.received.v1";
    public static final String COMPLAINT_ANSWERED = PREFIX + "complaint.answered.v1";

    /** Key: the request id. */
    public record RequestReceived(UUID requestId, String type, String channel, Instant receivedAt, LocalDate dueOn) {
    }

    public record RequestExtended(UUID requestId, LocalDate dueOn, LocalDate extendedTo, Instant extendedAt) {
    }

    /** {@code subjectId}: whom it was about (retention-service starts the request's own retention clock). */
    public record RequestCompleted(UUID requestId, String type, UUID subjectId, Instant completedAt) {
    }

    public record RequestRefused(UUID requestId, String type, UUID subjectId, String reason, Instant refusedAt) {
    }

    public record ComplaintReceived(UUID complaintId, String channel, Instant receivedAt) {
    }

    public record ComplaintAnswered(UUID complaintId, Instant answeredAt) {
    }

    private final EventOutbox outbox;

    PrivacyRightsEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public void requestReceived(RequestReceived event) {
        outbox.publish(TOPIC, REQUEST_RECEIVED, event.requestId().toString(), event);
    }

    public void requestExtended(RequestExtended event) {
        outbox.publish(TOPIC, REQUEST_EXTENDED, event.requestId().toString(), event);
    }

    public void requestCompleted(RequestCompleted event) {
        outbox.publish(TOPIC, REQUEST_COMPLETED, event.requestId().toString(), event);
    }

    public void requestRefused(RequestRefused event) {
        outbox.publish(TOPIC, REQUEST_REFUSED, event.requestId().toString(), event);
    }

    public void complaintReceived(ComplaintReceived event) {
        outbox.publish(TOPIC, COMPLAINT_RECEIVED, event.complaintId().toString(), event);
    }

    public void complaintAnswered(ComplaintAnswered event) {
        outbox.publish(TOPIC, COMPLAINT_ANSWERED, event.complaintId().toString(), event);
    }

    /** A command to the participants, keyed by the subject so that one person's commands stay in order. */
    public void command(PrivacyCommand command) {
        outbox.publish(PrivacyTopics.COMMANDS, command.kind().eventType(), command.subject().subjectId().toString(), command);
    }

    public void statementPublished(StatementPublished statement) {
        outbox.publish(PrivacyTopics.STATEMENTS, PrivacyTopics.STATEMENT_PUBLISHED, "privacy-statement", statement);
    }
}
