package io.cloudpro.retention.rest;

import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.retention.domain.PurgeReceipt;
import io.cloudpro.retention.service.Receipts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The receipts of purges: proof that data went when its retention ended. */
@Path("/api/v1/retention/receipts")
@Tag(name = "Purge receipts", description = "What each purge removed: counts, cut-off, holds; kept 5 years")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class ReceiptResource {

    private final Receipts receipts;

    ReceiptResource(Receipts receipts) {
        this.receipts = receipts;
    }

    @Schema(name = "PurgeReceipt")
    public record ReceiptView(UUID commandId, String category, String service,
                              @Schema(examples = "PURGED") String outcome, long purged, List<String> holdReferences,
                              Instant cutoff, Instant completedAt, Instant keepUntil) {
        static ReceiptView of(PurgeReceipt r) {
            return new ReceiptView(r.commandId, r.category, r.service, r.outcome, r.purged, r.holdReferences, r.cutoff,
                    r.completedAt, r.keepUntil);
        }
    }

    @GET
    @Operation(summary = "Purge receipts, newest first")
    @APIResponse(responseCode = "200", description = "One page of receipts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    public Page<ReceiptView> list(@QueryParam("category") String category,
                                  @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                  @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return receipts.list(category, page, size).map(ReceiptView::of);
    }
}
