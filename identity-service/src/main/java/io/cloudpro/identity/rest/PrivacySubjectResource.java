package io.cloudpro.identity.rest;

import io.cloudpro.identity.service.PrivacySubjectService;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** For privacy-rights-service: the ids a data-subject request is about. */
@Path("/api/v1/privacy/subjects")
@Tag(name = "Privacy")
@RolesAllowed(Roles.SERVICE)
public class PrivacySubjectResource {

    private final PrivacySubjectService subjects;

    PrivacySubjectResource(PrivacySubjectService subjects) {
        this.subjects = subjects;
    }

    @Schema(name = "SubjectLookup", description = "The login that filed the request, or the verified e-mail address")
    public record Lookup(UUID loginId, @Size(max = 254) @Email(regexp = AccountDtos.EMAIL) String email) {
        @AssertTrue(message = "give loginId or email")
        @Schema(hidden = true)
        public boolean isNamed() {
            return loginId != null || (email != null && !email.isBlank());
        }
    }

    @Schema(name = "SubjectIds", description = "Every id this service knows the person by; empty lists when none")
    public record SubjectIds(@Schema(description = "The address the ids were found by; null when the login is unknown")
                             String email, List<UUID> accountIds, List<UUID> loginIds, List<UUID> applicationIds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find whom a data-subject request is about (service token)",
            description = "The accounts they own, their logins and their job applications, by the login that filed"
                    + " the request or by the address verified with a mailed code.")
    @APIResponse(responseCode = "200", description = "The ids (empty lists when nothing is held)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubjectIds.class)))
    public SubjectIds resolve(@Valid @NotNull Lookup lookup) {
        var found = subjects.resolve(lookup.loginId(), lookup.email());
        return new SubjectIds(found.email(), found.accountIds(), found.loginIds(), found.applicationIds());
    }
}
