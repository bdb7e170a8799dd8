package io.cloudpro.platform.events;

import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** For operators: is this service's outbox draining, and what is stuck in it? */
@Path("/api/v1/operations/outbox")
@Tag(name = "Operations", description = "The event outbox of this service (admin)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class OutboxOperationsResource {

    private final OutboxOperations operations;
    private final JsonWebToken caller;

    OutboxOperationsResource(OutboxOperations operations, JsonWebToken caller) {
        this.operations = operations;
        this.caller = caller;
    }

    @Schema(name = "OutboxStatus")
    public record OutboxStatus(
            @Schema(description = "Events waiting to be published (parked ones not included)") long pending,
            @Schema(description = "When the oldest unpublished event happened") Instant oldestPendingSince,
            @Schema(description = "Its age in seconds; 0 when nothing waits") long oldestPendingAgeSeconds,
            Instant lastPublishedAt,
            @Schema(description = "The error of the oldest event that failed to go out, if any") String lastError,
            @Schema(description = "Whether the broker answered the last check; null before the first") Boolean brokerReachable,
            Instant brokerCheckedAt,
            @Schema(description = "Events Kafka kept refusing; each holds up its subject's later events") List<ParkedEvent> parked) {
    }

    @Schema(name = "ParkedEvent")
    public record ParkedEvent(long id, String eventId, String topic, String type,
                              @Schema(description = "The data subject's id (record key)") String subject,
                              Instant occurredAt, Instant parkedAt, int attempts, String lastError,
                              @Schema(description = "Later events of the same subject waiting behind this one") long waitingBehind) {
    }

    @GET
    @Operation(summary = "Outbox status",
            description = "How many events wait to be published to Kafka and since when, whether the broker answers,"
                    + " and the events Kafka kept refusing (parked).")
    public OutboxStatus status() {
        OutboxOperations.Status status = operations.status();
        var backlog = status.backlog();
        long age = backlog.oldestPendingSince() == null ? 0
                : Math.max(0, Duration.between(backlog.oldestPendingSince(), Instant.now()).toSeconds());
        return new OutboxStatus(backlog.pending(), backlog.oldestPendingSince(), age, backlog.lastPublishedAt(),
                backlog.lastError(), status.brokerReachable(), status.brokerCheckedAt(),
                status.parked().stream().map(p -> new ParkedEvent(p.id(), p.eventId(), p.topic(), p.type(), p.subject(),
                        p.occurredAt(), p.parkedAt(), p.attempts(), p.lastError(), p.waitingBehind())).toList());
    }

    @POST
    @Path("/parked/{id}/retry")
    @Operation(summary = "Send a parked event again", description = "With a fresh count of attempts.")
    @APIResponse(responseCode = "204", description = "Queued again")
    @APIResponse(responseCode = "404", description = "No parked event with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void retry(@PathParam("id") long id) {
        operations.retry(id, caller.getSubject());
    }

    @DELETE
    @Path("/parked/{id}")
    @Operation(summary = "Drop a parked event", description = "It is never published; its subject's later events go out.")
    @APIResponse(responseCode = "204", description = "Dropped")
    @APIResponse(responseCode = "404", description = "No parked event with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void drop(@PathParam("id") long id) {
        operations.drop(id, caller.getSubject());
    }
}
