package io.cloudpro.privacy.rest;

import io.cloudpro.platform.problem.Problem;
import io.cloudpro.privacy.service.Statements;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The privacy statement, generated from the register of processing: public, every version kept. */
@Path("/api/v1/privacy/statement")
@Tag(name = "Privacy statement", description = "The statement and the register of processing it is built from")
public class StatementResource {

    private final Statements statements;

    StatementResource(Statements statements) {
        this.statements = statements;
    }

    @GET
    @PermitAll
    @SecurityRequirements
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The privacy statement in force", description = "What we keep, why, on which basis, with whom"
            + " it is shared, how long, your rights; with its version date.")
    @APIResponse(responseCode = "200", description = "The statement",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Statements.Statement.class)))
    @APIResponse(responseCode = "404", description = "Not generated yet (no service has published its catalogue)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Statements.Statement current() {
        return statements.current();
    }

    @GET
    @Path("/versions")
    @PermitAll
    @SecurityRequirements
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every version of the privacy statement, newest first")
    public List<Statements.VersionInfo> versions() {
        return statements.versions();
    }

    @GET
    @Path("/versions/{version}")
    @PermitAll
    @SecurityRequirements
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One version of the privacy statement")
    public Statements.Statement version(@PathParam("version") String version) {
        return statements.version(version);
    }
}
