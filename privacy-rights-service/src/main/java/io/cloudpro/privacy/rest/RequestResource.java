package io.cloudpro.privacy.rest;

import io.cloudpro.platform.security.Callers;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.service.AccessPackages;
import io.cloudpro.privacy.service.RequestService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** A logged-in customer's own data-subject requests: file one, follow it, download the answer. */
@Path("/api/v1/privacy/requests")
@Tag(name = "My requests", description = "Data-subject requests of the logged-in customer (GDPR art. 15-21)")
@RolesAllowed(Roles.CUSTOMER)
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {

    private final RequestService requests;
    private final AccessPackages packages;
    private final Callers callers;

    RequestResource(RequestService requests, AccessPackages packages, Callers callers) {
        this.requests = requests;
        this.packages = packages;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a request", description = "Verified by your login; the deadline is one calendar month from"
            + " today. A request for access, portability, erasure or restriction while the same one is open joins it (200).")
    @APIResponse(responseCode = "201", description = "Filed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestDtos.RequestView.class)))
    @APIResponse(responseCode = "200", description = "The open request of the same type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestDtos.RequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@Valid @NotNull RequestDtos.NewRequest request) {
        RequestService.Filed filed = requests.fileByLogin(callers.loginId(), request.filing());
        RequestDtos.RequestView view = RequestDtos.RequestView.of(filed.request(), null, requests::read);
        return filed.created()
                ? Response.created(URI.create("/api/v1/privacy/requests/" + view.id())).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Operation(summary = "My requests, newest first")
    public Page<RequestDtos.RequestView> mine(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return requests.ofLogin(callers.loginId(), page, size).map(r -> RequestDtos.RequestView.of(r, null, requests::read));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my requests", description = "With each service's part: answered, or still waited for.")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestDtos.RequestView.class)))
    @APIResponse(responseCode = "404", description = "No such request of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RequestDtos.RequestView one(@PathParam("id") UUID id) {
        RequestService.RequestDetail detail = requests.ofLogin(callers.loginId(), id);
        return RequestDtos.RequestView.of(detail.request(), detail.participants(), requests::read);
    }

    @GET
    @Path("/{id}/package")
    @Operation(summary = "Download the answer to my access or portability request",
            description = "Available until it expires; then it is deleted.")
    @APIResponse(responseCode = "200", description = "The package (JSON)")
    @APIResponse(responseCode = "410", description = "Expired and deleted (type package-gone)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response download(@PathParam("id") UUID id) {
        return PackageResponses.of(id, packages.forLogin(callers.loginId(), id));
    }
}
