package io.cloudpro.retention.rest;

import io.cloudpro.platform.security.Callers;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.retention.service.PolicyService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Retention periods per data category: readable by the privacy officer and admins, set by the privacy officer. */
@Path("/api/v1/retention/policies")
@Tag(name = "Retention policies", description = "How long each category of personal data is kept, and why")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class PolicyResource {

    private final PolicyService policies;
    private final Callers callers;

    PolicyResource(PolicyService policies, Callers callers) {
        this.policies = policies;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Every category's retention policy", description = "Built from the catalogues the services publish.")
    public List<PolicyDtos.PolicyView> list() {
        return policies.list().stream().map(PolicyDtos.PolicyView::of).toList();
    }

    @GET
    @Path("/{category}")
    @Operation(summary = "One category's retention policy")
    @APIResponse(responseCode = "200", description = "The policy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyDtos.PolicyView.class)))
    @APIResponse(responseCode = "404", description = "No such category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PolicyDtos.PolicyView get(@PathParam("category") String category) {
        return PolicyDtos.PolicyView.of(policies.get(category));
    }

    @PUT
    @Path("/{category}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Set a category's period", description = "A new version with who, when and why; never below a"
            + " statutory minimum.")
    @APIResponse(responseCode = "200", description = "The policy with its new period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyDtos.PolicyView.class)))
    @APIResponse(responseCode = "404", description = "No such category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Below the statutory minimum (type below-statutory-minimum)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The owning service deletes the category itself as it expires"
            + " (type enforced-by-owner)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PolicyDtos.PolicyView change(@PathParam("category") String category, @Valid @NotNull PolicyDtos.Change change) {
        return PolicyDtos.PolicyView.of(policies.change(category, change.period(), change.reason(), callers.loginId()));
    }

    @GET
    @Path("/{category}/versions")
    @Operation(summary = "Every version of a category's period, newest first")
    @APIResponse(responseCode = "404", description = "No such category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<PolicyDtos.VersionView> versions(@PathParam("category") String category) {
        return policies.versions(category).stream().map(PolicyDtos.VersionView::of).toList();
    }
}
