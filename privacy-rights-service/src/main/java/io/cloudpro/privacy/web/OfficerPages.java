package io.cloudpro.privacy.web;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RefusalReason;
import io.cloudpro.privacy.domain.RequestStatus;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.service.HistoryLog;
import io.cloudpro.privacy.service.OfficerDecisions;
import io.cloudpro.privacy.service.PortalSessions.Visitor;
import io.cloudpro.privacy.service.RequestService;
import io.cloudpro.privacy.web.PortalViews.Frame;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The privacy officer's requests: the queue of open ones by deadline - what is overdue or close to
 * it, which services are silent, the history chain check - and per request the services' answers,
 * its history and the decisions: extend with reasons, refuse with a reason code, rectify, decide an
 * objection, lift a restriction. Admins read; only the privacy officer decides ({@link PortalAccess}).
 * A decision refused for its input shows the page again with what the officer typed.
 */
@Path("/portal/officer")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class OfficerPages {

    @CheckedTemplate(basePath = "portal")
    static final class Templates {
        static native TemplateInstance officerQueue(Frame frame, List<PortalViews.QueueRow> queue, PortalViews.Paging paging);

        static native TemplateInstance officerHistoryCheck(Frame frame, String chain, boolean chainIntact);

        static native TemplateInstance officerRequest(Frame frame, PortalViews.QueueRow request, String channel,
                                                      String details, String processing, String requestedChanges,
                                                      boolean decides, boolean extendable, boolean rectifies,
                                                      boolean decidesObjection, boolean liftable, String liftAnnounced,
                                                      List<PortalViews.ParticipantRow> participants,
                                                      List<PortalViews.HistoryRow> history,
                                                      List<PortalViews.ReasonChoice> reasons, String error,
                                                      Map<String, String> typed);
    }

    private final PortalAccess access;
    private final OfficerDecisions decisions;
    private final RequestService requests;
    private final HistoryLog history;

    @Context
    HttpServerRequest http;

    OfficerPages(PortalAccess access, OfficerDecisions decisions, RequestService requests, HistoryLog history) {
        this.access = access;
        this.decisions = decisions;
        this.requests = requests;
        this.history = history;
    }

    /** Rows on one page of the queue: the nearest deadlines first, the rest a click away. */
    static final int QUEUE_PAGE = 50;

    @GET
    public Response queue(@QueryParam("page") String page, @CookieParam(PortalCookies.SESSION) String session) {
        return access.read(http, session, officer -> {
            int number = PortalViews.Paging.number(page);
            Page<OfficerDecisions.QueueEntry> queue = decisions.queue(true, number - 1, QUEUE_PAGE);
            List<PortalViews.QueueRow> rows = queue.items().stream().map(PortalViews.QueueRow::of).toList();
            return PortalPages.page(200, Templates.officerQueue(access.frame(session, officer, "officer"), rows,
                    PortalViews.Paging.of(number, QUEUE_PAGE, queue.total(), "/portal/officer"))).build();
        });
    }

    /** The whole history's chain recomputed, on demand: it reads every entry, so not on every queue view. */
    @GET
    @Path("/history-check")
    public Response historyCheck(@CookieParam(PortalCookies.SESSION) String session) {
        return access.read(http, session, officer -> {
            HistoryLog.Verification chain = history.verify();
            return PortalPages.page(200, Templates.officerHistoryCheck(access.frame(session, officer, "officer"),
                    PortalViews.chain(chain), chain.intact())).build();
        });
    }

    @GET
    @Path("/requests/{id}")
    public Response request(@PathParam("id") String id, @CookieParam(PortalCookies.SESSION) String session) {
        return access.read(http, session, officer -> requestPage(200, session, officer, id, null, Map.of()));
    }

    @POST
    @Path("/requests/{id}/extend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("id") String id, @RestForm String months, @RestForm String reasons,
                           @RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        return decide(id, csrf, session, typed("months", months, "reasons", reasons), (officer, requestId) -> {
            int extraMonths = "2".equals(months) ? 2 : "1".equals(months) ? 1 : 0;
            String told = PortalAccess.text(reasons, 2000);
            if (extraMonths == 0 || told == null) {
                return "Choose one or two months, and give the reasons the person will read (up to 2,000 characters).";
            }
            decisions.extend(officer.loginId(), requestId, extraMonths, told);
            return null;
        });
    }

    @POST
    @Path("/requests/{id}/refuse")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refuse(@PathParam("id") String id, @RestForm String reason, @RestForm String explanation,
                           @RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        return decide(id, csrf, session, typed("reason", reason, "explanation", explanation), (officer, requestId) -> {
            Optional<RefusalReason> chosen = java.util.Arrays.stream(RefusalReason.values())
                    .filter(r -> r.name().equals(reason)).findFirst();
            if (chosen.isEmpty() || explanation != null && explanation.length() > 2000) {
                return "Choose the reason for the refusal; keep the explanation under 2,000 characters.";
            }
            decisions.refuse(officer.loginId(), requestId, chosen.get(), PortalAccess.text(explanation, 2000));
            return null;
        });
    }

    @POST
    @Path("/requests/{id}/rectify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rectify(@PathParam("id") String id, @RestForm String corrections, @RestForm("_csrf") String csrf,
                            @CookieParam(PortalCookies.SESSION) String session) {
        return decide(id, csrf, session, typed("corrections", corrections), (officer, requestId) -> {
            Optional<Map<String, String>> decided = corrections(corrections);
            if (decided.isEmpty()) {
                return "Write one correction a line, as field = new value (at most 30).";
            }
            decisions.rectify(officer.loginId(), requestId, decided.get());
            return null;
        });
    }

    @POST
    @Path("/requests/{id}/objection-decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideObjection(@PathParam("id") String id, @RestForm String upheld, @RestForm String reasons,
                                    @RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        return decide(id, csrf, session, typed("upheld", upheld, "objection-reasons", reasons), (officer, requestId) -> {
            String told = PortalAccess.text(reasons, 2000);
            if (!"true".equals(upheld) && !"false".equals(upheld) || told == null) {
                return "Say whether the objection is upheld, and give the reasons the person will read (up to 2,000 characters).";
            }
            decisions.decideObjection(officer.loginId(), requestId, Boolean.parseBoolean(upheld), told);
            return null;
        });
    }

    @POST
    @Path("/requests/{id}/lift-restriction")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response liftRestriction(@PathParam("id") String id, @RestForm String reason, @RestForm("_csrf") String csrf,
                                    @CookieParam(PortalCookies.SESSION) String session) {
        return decide(id, csrf, session, typed("lift-reason", reason), (officer, requestId) -> {
            String told = PortalAccess.text(reason, 2000);
            if (told == null) {
                return "Give the reason the person will read before the restriction is lifted (up to 2,000 characters).";
            }
            decisions.liftRestriction(officer.loginId(), requestId, told);
            return null;
        });
    }

    /** identity-service cannot be reached: a page that says so, not a 500. */
    @ServerExceptionMapper
    Response unavailable(ServiceCallException e) {
        return PortalPages.unavailablePage(e);
    }

    /** A decision on a request: returns the error to show, or null when it was taken. */
    private interface Decision {
        String take(Visitor officer, UUID requestId);
    }

    /** What the officer typed into a form, by field id, to show again when the decision is refused. */
    private static Map<String, String> typed(String... fieldsAndValues) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            typed.put(fieldsAndValues[i], fieldsAndValues[i + 1] == null ? "" : fieldsAndValues[i + 1]);
        }
        return typed;
    }

    private Response decide(String id, String csrf, String session, Map<String, String> typed, Decision decision) {
        return access.decide(http, session, csrf, officer -> {
            Optional<UUID> requestId = PortalAccess.id(id);
            if (requestId.isEmpty()) {
                return requestPage(404, session, officer, id, null, Map.of());
            }
            try {
                String error = decision.take(officer, requestId.get());
                if (error != null) {
                    return requestPage(400, session, officer, id, error, typed);
                }
            } catch (ProblemException refused) {
                return requestPage(refused.type().status() == 404 ? 404 : 409, session, officer, id, PortalPages.reason(refused),
                        typed);
            }
            return Response.seeOther(URI.create("/portal/officer/requests/" + requestId.get())).build();
        });
    }

    private Response requestPage(int status, String session, Visitor officer, String id, String error,
                                 Map<String, String> typed) {
        Optional<UUID> requestId = PortalAccess.id(id);
        RequestService.RequestDetail detail;
        OfficerDecisions.QueueEntry entry;
        try {
            detail = requests.detail(requestId.orElseThrow(() -> ProblemException.notFound("Request")));
            entry = decisions.entry(requestId.get());
        } catch (ProblemException notFound) {
            return PortalPages.page(404, PortalPages.Templates.problem(access.frame(session, officer, null), "Not found",
                    "There is no such request.")).build();
        }
        DsrRequest r = detail.request();
        boolean decides = PortalAccess.decides(officer) && r.status.isOpen();
        boolean awaiting = decides && r.status == RequestStatus.AWAITING_DECISION;
        return PortalPages.page(status, Templates.officerRequest(access.frame(session, officer, "officer"),
                PortalViews.QueueRow.of(entry), r.channel.name().toLowerCase(Locale.ROOT), r.details, r.processing,
                requestedChanges(r), decides, decides && r.extendedTo == null, awaiting && r.type == RequestType.RECTIFICATION,
                awaiting && r.type == RequestType.OBJECTION, PortalAccess.decides(officer) && decisions.liftable(r),
                PortalViews.moment(r.liftRestrictionAt),
                detail.participants().stream().map(PortalViews.ParticipantRow::of).toList(),
                detail.history().stream().map(PortalViews.HistoryRow::of).toList(), PortalViews.ReasonChoice.all(), error,
                typed)).build();
    }

    /** The changes the person asked for, one "field = value" a line, as the rectify form takes them. */
    private String requestedChanges(DsrRequest r) {
        if (r.requestedChanges == null) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        requests.read(r.requestedChanges, Map.class).forEach((field, value) -> lines.append(field).append(" = ")
                .append(value).append('\n'));
        return lines.toString().strip();
    }

    /** "field = value" lines: the corrections, or empty when a line is not one (or there are more than 30). */
    static Optional<Map<String, String>> corrections(String text) {
        Map<String, String> corrections = new LinkedHashMap<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            String field = equals < 0 ? "" : line.substring(0, equals).strip();
            String value = equals < 0 ? "" : line.substring(equals + 1).strip();
            if (field.isEmpty() || field.length() > 100 || value.length() > 500) {
                return Optional.empty();
            }
            corrections.put(field, value);
        }
        return corrections.isEmpty() || corrections.size() > 30 ? Optional.empty() : Optional.of(corrections);
    }
}
