package io.cloudpro.privacy.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.service.HistoryLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The tamper-evident history: checked on demand, and exported whole for a regulator. */
@Path("/api/v1/privacy/history")
@Tag(name = "History", description = "The hash-chained record of every request, complaint and decision")
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class HistoryResource {

    private final HistoryLog history;
    private final ObjectMapper json;

    HistoryResource(HistoryLog history, ObjectMapper json) {
        this.history = history;
        this.json = json;
    }

    /** An entry exactly as hashed: details and time as the strings that went into the hash. */
    public record ExportedEntry(long seq, java.util.UUID requestId, java.util.UUID complaintId, String kind, String actor,
                                String details, String recordedAt, String previousHash, String hash) {
    }

    @GET
    @Path("/verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the whole chain", description = "Recomputes every entry's hash and its link to the one"
            + " before; names the first entry that was changed, inserted or removed.")
    public HistoryLog.Verification verify() {
        return history.verify();
    }

    @GET
    @Path("/export")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the whole chain", description = "Every entry in order with its hashes, as a JSON array a"
            + " regulator can check independently: hash = SHA-256 of seq, requestId, complaintId, kind, actor, details,"
            + " recordedAt and previousHash, one per line.")
    public Response export() {
        StreamingOutput body = out -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
                generator.writeStartArray();
                history.forEach(entry -> {
                    try {
                        json.writeValue(generator, new ExportedEntry(entry.seq, entry.requestId, entry.complaintId,
                                entry.kind, entry.actor, entry.details, entry.recordedAt.toString(), entry.previousHash,
                                entry.hash));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                generator.writeEndArray();
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"privacy-history.json\"").build();
    }
}
