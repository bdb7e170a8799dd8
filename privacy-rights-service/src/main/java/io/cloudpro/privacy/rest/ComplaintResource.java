package io.cloudpro.privacy.rest;

import io.cloudpro.platform.security.Callers;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.service.ComplaintService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** A logged-in customer's complaints. */
@Path("/api/v1/privacy/complaints")
@Tag(name = "My complaints", description = "Complaints about how we handled personal data (GDPR art. 77)")
@RolesAllowed(Roles.CUSTOMER)
@Produces(MediaType.APPLICATION_JSON)
public class ComplaintResource {

    private final ComplaintService complaints;
    private final Callers callers;

    ComplaintResource(ComplaintService complaints, Callers callers) {
        this.complaints = complaints;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a complaint", description = "Acknowledged by mail; the privacy officer answers it. You can"
            + " always complain to the Autoriteit Persoonsgegevens as well.")
    @APIResponse(responseCode = "201", description = "Filed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintDtos.ComplaintView.class)))
    public Response file(@Valid @NotNull ComplaintDtos.NewComplaint complaint) {
        var filed = complaints.fileByLogin(callers.loginId(), complaint.filing()).complaint();
        return Response.created(URI.create("/api/v1/privacy/complaints/" + filed.id))
                .entity(ComplaintDtos.ComplaintView.forPerson(filed)).build();
    }

    @GET
    @Operation(summary = "My complaints, newest first")
    public List<ComplaintDtos.ComplaintView> mine() {
        return complaints.ofLogin(callers.loginId()).stream().map(ComplaintDtos.ComplaintView::forPerson).toList();
    }
}
