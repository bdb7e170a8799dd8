package io.cloudpro.retention.rest;

import io.cloudpro.platform.security.Roles;
import io.cloudpro.retention.service.RetentionReports;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;

/** The privacy officer's view of what retention will do and what it failed to do in time. */
@Path("/api/v1/retention")
@Tag(name = "Retention reports", description = "Dry run and overdue purges")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
public class ReportResource {

    private final RetentionReports reports;

    ReportResource(RetentionReports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/dry-run")
    @Operation(summary = "What would be purged in the next days", description = "Per category and service: clocks"
            + " falling due, and the cut-off each rolling rule reaches. Nothing is purged.")
    public List<RetentionReports.DryRunLine> dryRun(@QueryParam("days") @DefaultValue("30") @Min(1) @Max(3660) int days) {
        return reports.dryRun(Duration.ofDays(days));
    }

    @GET
    @Path("/overdue")
    @Operation(summary = "Purges past due without a receipt", description = "Clocks past due and purges a service has"
            + " not answered; they are retried until a receipt comes.")
    public List<RetentionReports.OverdueLine> overdue() {
        return reports.overdue();
    }
}
