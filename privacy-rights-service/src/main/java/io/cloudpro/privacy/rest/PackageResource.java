package io.cloudpro.privacy.rest;

import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.privacy.service.AccessPackages;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The download link mailed with the answer to an access or portability request: it works once. */
@Path("/api/v1/privacy/packages")
@Tag(name = "Public intake")
@PermitAll
@SecurityRequirements
public class PackageResource {

    private final AccessPackages packages;

    PackageResource(AccessPackages packages) {
        this.packages = packages;
    }

    @GET
    @Path("/{requestId}")
    @Produces(MediaType.APPLICATION_JSON)
    @RateLimited(bucket = "package-download", perMinute = 20)
    @Operation(summary = "Download an answer with the link from the mail", description = "The token works once; logged-in"
            + " customers can also download at /api/v1/privacy/requests/{id}/package until the package expires.")
    @APIResponse(responseCode = "200", description = "The package (JSON)")
    @APIResponse(responseCode = "404", description = "Unknown link",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "Used before or expired (type package-gone)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response download(@PathParam("requestId") UUID requestId, @QueryParam("token") String token) {
        return PackageResponses.of(requestId, packages.withToken(requestId, token));
    }
}
