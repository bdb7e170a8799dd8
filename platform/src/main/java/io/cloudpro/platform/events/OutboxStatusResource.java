package io.cloudpro.platform.events;

import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;

/** For operators: is this service's outbox draining, or are events piling up? */
@Path("/api/v1/operations/outbox")
@Tag(name = "Operations")
@RolesAllowed(Roles.ADMIN)
public class OutboxStatusResource {

    private final EntityManager entityManager;

    OutboxStatusResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Outbox status",
            description = "How many events wait to be published to Kafka, since when, and the last relay error.")
    public OutboxStatus status() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE published_at IS NULL),
                               min(occurred_at) FILTER (WHERE published_at IS NULL),
                               max(published_at),
                               (SELECT last_error FROM event_outbox
                                 WHERE published_at IS NULL AND last_error IS NOT NULL
                                 ORDER BY id LIMIT 1)
                          FROM event_outbox""")
                .getSingleResult();
        return new OutboxStatus(((Number) row[0]).longValue(), toInstant(row[1]), toInstant(row[2]), (String) row[3]);
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** The outbox at a glance. */
    public record OutboxStatus(long pending, Instant oldestPendingSince, Instant lastPublishedAt,
                               String lastError) {
    }
}
