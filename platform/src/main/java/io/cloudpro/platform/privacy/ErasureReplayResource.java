package io.cloudpro.platform.privacy;

import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** For operators, after restoring this service's database from a backup. */
@Path("/api/v1/operations/privacy/erasure-replay")
@Tag(name = "Operations")
@RolesAllowed(Roles.ADMIN)
public class ErasureReplayResource {

    private final ErasureLog log;
    private final PrivacyCatalogues catalogues;

    ErasureReplayResource(ErasureLog log, PrivacyCatalogues catalogues) {
        this.log = log;
        this.catalogues = catalogues;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay the erasure log", description = "Erases again every subject this service erased"
            + " before, so that a restored backup does not bring erased personal data back. Run it after every restore.")
    @APIResponse(responseCode = "200", description = "How many subjects were erased again")
    public Map<String, Object> replay() {
        return Map.of("replayedSubjects", log.replay(catalogues.service()));
    }
}
