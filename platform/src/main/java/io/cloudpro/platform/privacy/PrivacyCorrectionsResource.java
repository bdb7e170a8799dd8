package io.cloudpro.platform.privacy;

import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.time.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/** Where privacy-rights-service delivers the corrections of a rectification before sending the command. */
@Path("/api/v1/privacy/corrections/{commandId}")
@Tag(name = "Privacy")
@RolesAllowed(Roles.SERVICE)
public class PrivacyCorrectionsResource {

    private final PrivacyCorrections corrections;

    PrivacyCorrectionsResource(PrivacyCorrections corrections) {
        this.corrections = corrections;
    }

    @Schema(name = "PrivacyCorrections", description = "Field name to corrected value, as the privacy officer decided")
    public record Delivery(@NotEmpty @Size(max = 50) Map<@Size(max = 100) String, @Size(max = 500) String> corrections) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deliver the corrections of a rectification (service token)",
            description = "Kept until the rectify command with this id arrives and applies them.")
    @APIResponse(responseCode = "204", description = "Kept")
    public void deliver(@PathParam("commandId") UUID commandId, @Valid @NotNull Delivery delivery) {
        corrections.deliver(commandId, delivery.corrections(), Timestamps.now());
    }
}
