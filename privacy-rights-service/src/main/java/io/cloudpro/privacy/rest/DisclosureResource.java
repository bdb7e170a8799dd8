package io.cloudpro.privacy.rest;

import io.cloudpro.platform.security.Callers;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.validation.SingleLine;
import io.cloudpro.privacy.domain.Disclosure;
import io.cloudpro.privacy.service.DisclosureRegister;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The register of disclosures: what every service reported, and the police claims the officer records. */
@Path("/api/v1/privacy/disclosures")
@Tag(name = "Register of disclosures", description = "Personal data that left the company: to whom, what, why, when")
@Produces(MediaType.APPLICATION_JSON)
public class DisclosureResource {

    private final DisclosureRegister register;
    private final Callers callers;

    DisclosureResource(DisclosureRegister register, Callers callers) {
        this.register = register;
        this.callers = callers;
    }

    @Schema(name = "Disclosure")
    public record DisclosureView(UUID id, @Schema(enumeration = {"SERVICE", "POLICE_CLAIM"}) String kind, String service,
                                 UUID subjectId, String recipient, List<String> categories, List<String> fields, String basis,
                                 String reference, Instant disclosedAt, UUID recordedBy) {
        static DisclosureView of(Disclosure d) {
            return new DisclosureView(d.id, d.kind.name(), d.service, d.subjectId, d.recipient, split(d.categories),
                    split(d.fields), d.basis, d.reference, d.disclosedAt, d.recordedBy);
        }

        private static List<String> split(String list) {
            return Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).toList();
        }
    }

    @Schema(name = "PoliceClaim", description = "A claim by the police or another authority that was answered")
    public record PoliceClaim(@NotNull @Schema(description = "Whom it was about: their account or login id") UUID subjectId,
                              @NotBlank @Size(max = 200) @SingleLine @Schema(examples = "Politie Eenheid Zeeland-West-Brabant")
                              String authority,
                              @NotBlank @Size(max = 200) @SingleLine @Schema(examples = "PL2000-2026123456") String claimReference,
                              @NotBlank @Size(max = 300) @SingleLine @Schema(examples = "art. 126nc Sv (Wetboek van Strafvordering)")
                              String legalBasis,
                              @NotEmpty @Size(max = 30) List<@NotBlank @Size(max = 100) String> categories,
                              @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> fields,
                              @PastOrPresent Instant disclosedAt) {
    }

    @GET
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "The register, newest first", description = "All of it, or one subject's.")
    public Page<DisclosureView> list(@QueryParam("subjectId") UUID subjectId,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return register.page(subjectId, page, size).map(DisclosureView::of);
    }

    @POST
    @Path("/police-claims")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an answered police claim", description = "Access answers name the authority as a recipient.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DisclosureView.class)))
    public Response record(@Valid @NotNull PoliceClaim claim) {
        Disclosure recorded = register.recordPoliceClaim(callers.loginId(), new DisclosureRegister.PoliceClaim(claim.subjectId(),
                claim.authority(), claim.claimReference(), claim.legalBasis(), claim.categories(), claim.fields(),
                claim.disclosedAt()));
        return Response.status(Response.Status.CREATED).entity(DisclosureView.of(recorded)).build();
    }
}
