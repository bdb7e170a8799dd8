package io.cloudpro.retention.rest;

import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Callers;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.validation.SingleLine;
import io.cloudpro.retention.domain.LegalHoldCase;
import io.cloudpro.retention.service.HoldService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import java.util.UUID;

/** Legal holds: placed and lifted by the privacy officer, readable by admins. */
@Path("/api/v1/retention/holds")
@Tag(name = "Legal holds", description = "Data that must not be erased or purged while a case or claim runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class HoldResource {

    private final HoldService holds;
    private final Callers callers;

    HoldResource(HoldService holds, Callers callers) {
        this.holds = holds;
        this.callers = callers;
    }

    @Schema(name = "LegalHoldRequest")
    public record NewHold(@Schema(description = "Any id the person is known by (subject, account, login, application)")
                          UUID subjectId,
                          @Size(max = 100) @Schema(examples = "order.invoices") String category,
                          @NotBlank @Size(max = 100) @SingleLine @Schema(examples = "case 2026-17") String reference,
                          @NotBlank @Size(max = 1000) @Schema(examples = "Dispute about invoice 2026-000123") String reason) {
    }

    @Schema(name = "LegalHoldLift")
    public record Lift(@NotBlank @Size(max = 1000) @Schema(examples = "The dispute was settled") String reason) {
    }

    @Schema(name = "LegalHold")
    public record HoldView(UUID id, UUID subjectId, String category, String reference, String reason, UUID placedBy,
                           Instant placedAt, UUID liftedBy, Instant liftedAt, String liftReason, boolean active) {
        static HoldView of(LegalHoldCase h) {
            return new HoldView(h.id, h.subjectId, h.category, h.reference, h.reason, h.placedBy, h.placedAt, h.liftedBy,
                    h.liftedAt, h.liftReason, h.isActive());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Place a legal hold", description = "On a subject, a category, or a subject's category; published"
            + " to every service, which then withholds the data from erasures and purges.")
    @APIResponse(responseCode = "201", description = "Placed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "400", description = "Neither a subject nor a known category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(@Valid @NotNull NewHold hold) {
        LegalHoldCase placed = holds.place(hold.subjectId(), hold.category(), hold.reference(), hold.reason(), callers.loginId());
        return Response.created(URI.create("/api/v1/retention/holds/" + placed.id)).entity(HoldView.of(placed)).build();
    }

    @POST
    @Path("/{id}/lift")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Lift a legal hold", description = "Erasures and purges go through again.")
    @APIResponse(responseCode = "200", description = "Lifted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "404", description = "No such hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Lifted already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HoldView lift(@PathParam("id") UUID id, @Valid @NotNull Lift lift) {
        return HoldView.of(holds.lift(id, lift.reason(), callers.loginId()));
    }

    @GET
    @Operation(summary = "Legal holds, newest first")
    public List<HoldView> list(@QueryParam("active") @DefaultValue("true") boolean activeOnly) {
        return holds.list(activeOnly).stream().map(HoldView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One legal hold")
    @APIResponse(responseCode = "200", description = "The hold",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldView.class)))
    @APIResponse(responseCode = "404", description = "No such hold",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HoldView get(@PathParam("id") UUID id) {
        return HoldView.of(holds.get(id));
    }
}
