package io.cloudpro.platform.privacy;

import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Where privacy-rights-service picks up an export this service made for an access request. */
@Path("/api/v1/privacy/exports/{id}")
@Tag(name = "Privacy")
@RolesAllowed(Roles.SERVICE)
public class PrivacyExportResource {

    private final PrivacyExports exports;

    PrivacyExportResource(PrivacyExports exports) {
        this.exports = exports;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An export (service token)", description = "The data held about one subject, per category.")
    @APIResponse(responseCode = "200", description = "The export (JSON)")
    @APIResponse(responseCode = "404", description = "Unknown, fetched and deleted, or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        return Response.ok(exports.content(id).orElseThrow(() -> ProblemException.notFound("Export")),
                MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Operation(summary = "Delete a fetched export (service token)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        exports.delete(id);
    }
}
