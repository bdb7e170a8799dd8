package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The personal data this service holds, as it declares it: public, as the privacy statement is. */
@Path("/api/v1/privacy/catalogue")
@Tag(name = "Privacy", description = "What this service holds about people and what it does with it")
@PermitAll
@SecurityRequirements
public class PrivacyCatalogueResource {

    private final PrivacyCatalogues catalogues;

    PrivacyCatalogueResource(PrivacyCatalogues catalogues) {
        this.catalogues = catalogues;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This service's privacy catalogue",
            description = "Its categories of personal data (purposes, legal basis, recipients, retention, what erasure"
                    + " does, portability, source, tables) and the tables that hold none.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Catalogue.class)))
    public JsonNode catalogue() {
        return catalogues.catalogueJson();
    }
}
