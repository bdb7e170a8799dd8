package io.cloudpro.privacy.rest;

import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.service.Statements;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The register of processing, for the privacy officer and admins. */
@Path("/api/v1/privacy/register")
@Tag(name = "Privacy statement")
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class RegisterResource {

    private final Statements statements;

    RegisterResource(Statements statements) {
        this.statements = statements;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The register of processing (GDPR art. 30)", description = "Every service's categories as they"
            + " declare them: purposes, legal basis, recipients, retention, erasure, source and tables.")
    public Statements.Register register() {
        return statements.register();
    }
}
