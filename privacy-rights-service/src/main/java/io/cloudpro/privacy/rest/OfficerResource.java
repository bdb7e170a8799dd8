package io.cloudpro.privacy.rest;

import io.cloudpro.platform.security.Callers;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.service.ComplaintService;
import io.cloudpro.privacy.service.HistoryLog;
import io.cloudpro.privacy.service.OfficerDecisions;
import io.cloudpro.privacy.service.RequestCompletion;
import io.cloudpro.privacy.service.RequestService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The privacy officer's work: the queue of requests ordered by deadline, each request with its
 * participants and history, the decisions, and the complaints. Admins may look, not decide.
 */
@Path("/api/v1/privacy/officer")
@Tag(name = "Privacy officer", description = "Requests by deadline, decisions and complaints")
@Produces(MediaType.APPLICATION_JSON)
public class OfficerResource {

    private final OfficerDecisions decisions;
    private final RequestService requests;
    private final ComplaintService complaints;
    private final HistoryLog history;
    private final Callers callers;

    OfficerResource(OfficerDecisions decisions, RequestService requests, ComplaintService complaints, HistoryLog history,
                    Callers callers) {
        this.decisions = decisions;
        this.requests = requests;
        this.complaints = complaints;
        this.history = history;
        this.callers = callers;
    }

    @GET
    @Path("/requests")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "The queue", description = "Open requests, the nearest deadline first, with what is overdue, what"
            + " is due within a week and which services have not answered. all=true: every request, newest deadline first.")
    public Page<RequestDtos.QueueEntry> queue(@QueryParam("all") @DefaultValue("false") boolean all,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return decisions.queue(!all, page, size).map(RequestDtos.QueueEntry::of);
    }

    @GET
    @Path("/requests/{id}")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "A request with its participants and its history")
    @APIResponse(responseCode = "200", description = "The request", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RequestDtos.OfficerRequestView.class)))
    @APIResponse(responseCode = "404", description = "No such request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RequestDtos.OfficerRequestView one(@PathParam("id") UUID id) {
        return view(id);
    }

    @POST
    @Path("/requests/{id}/extend")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Extend the deadline by one or two months (once)", description = "Only within the first month; the"
            + " person is mailed the new deadline and the reasons at once (GDPR art. 12(3)).")
    @APIResponse(responseCode = "409", description = "Extended before, past the first month, or closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RequestDtos.OfficerRequestView extend(@PathParam("id") UUID id, @Valid @NotNull RequestDtos.Extension extension) {
        decisions.extend(callers.loginId(), id, extension.months(), extension.reasons());
        return view(id);
    }

    @POST
    @Path("/requests/{id}/refuse")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refuse a request", description = "With a reason code; the person is mailed the reason and their"
            + " right to complain to the Autoriteit Persoonsgegevens or go to court (GDPR art. 12(4)).")
    public RequestDtos.OfficerRequestView refuse(@PathParam("id") UUID id, @Valid @NotNull RequestDtos.RefusalDecision refusal) {
        decisions.refuse(callers.loginId(), id, refusal.reason(), refusal.explanation());
        return view(id);
    }

    @POST
    @Path("/requests/{id}/rectify")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide a rectification", description = "Every service applies the corrections; the answer names"
            + " the recipients of the old values (GDPR art. 16, 19).")
    public RequestDtos.OfficerRequestView rectify(@PathParam("id") UUID id,
                                                  @Valid @NotNull RequestDtos.RectificationDecision decision) {
        decisions.rectify(callers.loginId(), id, decision.corrections());
        return view(id);
    }

    @POST
    @Path("/requests/{id}/objection-decision")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide an objection to processing other than direct marketing (GDPR art. 21(1))",
            description = "Recorded by every service; upheld, the processing stops.")
    public RequestDtos.OfficerRequestView decideObjection(@PathParam("id") UUID id,
                                                          @Valid @NotNull RequestDtos.ObjectionDecision decision) {
        decisions.decideObjection(callers.loginId(), id, decision.upheld(), decision.reasons());
        return view(id);
    }

    @POST
    @Path("/requests/{id}/lift-restriction")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lift a restriction, after telling the person", description = "The person is mailed the reason and"
            + " the date now; the services lift it when the notice period is over (GDPR art. 18(3)).")
    public RequestDtos.OfficerRequestView liftRestriction(@PathParam("id") UUID id,
                                                          @Valid @NotNull RequestDtos.LiftRestriction lift) {
        decisions.liftRestriction(callers.loginId(), id, lift.reason());
        return view(id);
    }

    @GET
    @Path("/complaints")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "Complaints, unanswered first")
    public Page<ComplaintDtos.ComplaintView> complaints(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                        @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return complaints.queue(page, size).map(ComplaintDtos.ComplaintView::forOfficer);
    }

    @GET
    @Path("/complaints/{id}")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
    @Operation(summary = "A complaint with its history")
    public ComplaintWithHistory complaint(@PathParam("id") UUID id) {
        return new ComplaintWithHistory(ComplaintDtos.ComplaintView.forOfficer(complaints.one(id)),
                history.ofComplaint(id).stream().map(e -> RequestDtos.HistoryView.of(e, history.details(e))).toList());
    }

    @POST
    @Path("/complaints/{id}/answer")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a complaint", description = "Mailed to the person with their right to complain to the"
            + " Autoriteit Persoonsgegevens.")
    @APIResponse(responseCode = "409", description = "Answered before (type already-answered)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ComplaintDtos.ComplaintView answer(@PathParam("id") UUID id, @Valid @NotNull ComplaintDtos.Answer answer) {
        return ComplaintDtos.ComplaintView.forOfficer(complaints.answer(callers.loginId(), id, answer.answer()));
    }

    private RequestDtos.OfficerRequestView view(UUID id) {
        RequestService.RequestDetail detail = requests.detail(id);
        OfficerDecisions.QueueEntry entry = decisions.entry(id);
        DsrRequest r = detail.request();
        @SuppressWarnings("unchecked")
        Map<String, String> changes = requests.read(r.requestedChanges, Map.class);
        return new RequestDtos.OfficerRequestView(r.id, r.type, r.status.name(), r.channel.name(), r.email, r.subjectId,
                r.details, r.processing, changes, r.receivedOn, r.dueOn, r.extendedTo, r.deadline(), entry.overdue(),
                entry.dueSoon(), entry.daysLeft(), entry.silent(), RequestDtos.refusal(r), requests.read(r.decision, Map.class),
                requests.read(r.outcome, RequestCompletion.Outcome.class), r.completedAt, r.liftRestrictionAt,
                detail.participants().stream().map(RequestDtos.Participant::of).toList(),
                detail.history().stream().map(e -> RequestDtos.HistoryView.of(e, history.details(e))).toList());
    }

    /** A complaint with the steps of its history. */
    @Schema(name = "ComplaintWithHistory")
    public record ComplaintWithHistory(ComplaintDtos.ComplaintView complaint, List<RequestDtos.HistoryView> history) {
    }
}
