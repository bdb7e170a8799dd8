package io.cloudpro.platform.privacy;

import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Where privacy-rights-service asks what this service holds about a person, per category, to show
 * them on their "My data" page: counts only - the data itself leaves only with an access request.
 */
@Path("/api/v1/privacy/holdings")
@Tag(name = "Privacy")
@RolesAllowed(Roles.SERVICE)
public class PrivacyHoldingsResource {

    private final PrivacyHoldings holdings;
    private final String service;

    PrivacyHoldingsResource(PrivacyHoldings holdings, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.holdings = holdings;
        this.service = service;
    }

    @Schema(name = "PrivacyHoldings", description = "How many records of each category this service holds about the subject")
    public record Holdings(String service, List<PrivacyParticipant.Holding> categories) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What this service holds about a subject, as counts per category (service token)",
            description = "Categories with no record are left out; a subject nobody knows gets an empty list.")
    public Holdings holdings(@NotNull Subject subject) {
        if (subject.subjectId() == null) {
            throw ProblemException.invalidField("subjectId", "must not be null");
        }
        return new Holdings(service, holdings.of(subject));
    }
}
