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
            + " before and runs every purge again, so that a restored backup does not bring erased or purged personal"
            + " data back. Run it after every restore.")
    @APIResponse(responseCode = "200", description = "How many subjects were erased again, how many purges ran again"
            + " and how many records they removed")
    public Map<String, Object> replay() {
        ErasureLog.Replay replay = log.replay(catalogues.service());
        return Map.of("replayedSubjects", replay.subjects(), "replayedPurges", replay.purges(),
                "recordsPurgedAgain", replay.purgedAgain());
    }
}
