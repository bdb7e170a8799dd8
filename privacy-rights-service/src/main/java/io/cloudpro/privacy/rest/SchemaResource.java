package io.cloudpro.privacy.rest;

import io.cloudpro.privacy.service.AccessPackages;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The JSON Schemas of what this service hands out. */
@Path("/api/v1/privacy/schemas")
@Tag(name = "Public intake")
@PermitAll
@SecurityRequirements
public class SchemaResource {

    @GET
    @Path("/portability-package.json")
    @Produces("application/schema+json")
    @Operation(summary = "The JSON Schema of a portability package (GDPR art. 20)")
    public String portabilityPackage() {
        return AccessPackages.schema();
    }
}
