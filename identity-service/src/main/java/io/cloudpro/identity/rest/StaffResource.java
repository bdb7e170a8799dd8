package io.cloudpro.identity.rest;

import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.service.StaffService;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.validation.SingleLine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Admins manage staff logins and their roles. */
@Path("/api/v1/staff")
@Tag(name = "Staff", description = "Staff logins and roles (admin)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class StaffResource {

    private final StaffService staff;

    StaffResource(StaffService staff) {
        this.staff = staff;
    }

    @Schema(name = "NewStaffMember")
    public record NewStaffMember(@NotBlank @Size(max = 254) @Email(regexp = AccountDtos.EMAIL) String email,
                                 @NotBlank @Size(max = 100) @SingleLine String firstName,
                                 @NotBlank @Size(max = 100) @SingleLine String lastName,
                                 @NotEmpty @Schema(examples = "[\"support\"]") Set<String> roles) {
    }

    @Schema(name = "StaffRoles")
    public record RolesRequest(@NotEmpty Set<String> roles) {
    }

    @Schema(name = "StaffMember")
    public record StaffMember(UUID id, String email, String firstName, String lastName, Set<String> roles,
                              String status, Instant createdAt) {
    }

    @Schema(name = "StaffList")
    public record StaffList(List<StaffMember> items) {
    }

    @GET
    @Operation(summary = "All staff logins")
    @APIResponse(responseCode = "200", description = "The staff",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffList.class)))
    public StaffList list() {
        return new StaffList(staff.list().stream().map(StaffResource::view).toList());
    }

    @POST
    @Operation(summary = "Create a staff login", description = "Roles: support, privacy-officer, recruiter, admin."
            + " The person gets a mailed link to choose their password; there is no default password.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffMember.class)))
    @APIResponse(responseCode = "409", description = "The e-mail address already has a login (type email-taken)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull NewStaffMember request) {
        Credential created = staff.create(request.email(), request.firstName(), request.lastName(), request.roles());
        return Response.created(URI.create("/api/v1/staff/" + created.id)).entity(view(created)).build();
    }

    @PUT
    @Path("/{id}/roles")
    @Operation(summary = "Set a staff member's roles", description = "The last admin keeps the admin role (409)."
            + " Taking a role away ends the member's sessions at every service.")
    @APIResponse(responseCode = "200", description = "The staff member with the new roles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffMember.class)))
    @APIResponse(responseCode = "404", description = "No such staff member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "This is the last admin (type last-admin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StaffMember setRoles(@PathParam("id") UUID id, @Valid @NotNull RolesRequest request) {
        return view(staff.setRoles(id, request.roles()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End a staff login", description = "Its sessions end at once. The last admin stays (409).")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "No such staff member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "This is the last admin (type last-admin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void revoke(@PathParam("id") UUID id) {
        staff.revoke(id);
    }

    private static StaffMember view(Credential c) {
        return new StaffMember(c.id, c.email, c.firstName, c.lastName, c.roleSet(), c.status.name(), c.createdAt);
    }
}
