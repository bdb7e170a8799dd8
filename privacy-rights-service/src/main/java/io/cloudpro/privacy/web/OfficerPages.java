package io.cloudpro.privacy.web;

import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RefusalReason;
import io.cloudpro.privacy.service.HistoryLog;
import io.cloudpro.privacy.service.OfficerDecisions;
import io.cloudpro.privacy.service.PortalKeys;
import io.cloudpro.privacy.service.PortalSessions;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.cloudpro.platform.client.ServiceCallException;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The privacy officer's pages: the queue of open requests by deadline, what is overdue or close to
 * it, which services are silent; per request its participants, its history with the chain check,
 * and the decisions (extend with reasons, refuse with a reason code). Admins read; only the privacy
 * officer decides.
 */
@Path("/portal/officer")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class OfficerPages {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance officerQueue(Frame frame, List<PortalViews.QueueRow> queue, String chain,
                                                    boolean chainIntact);

        static native TemplateInstance officerRequest(Frame frame, PortalViews.QueueRow request, String channel,
                                                      String details, String processing, boolean decides, boolean extendable,
                                                      List<PortalViews.ParticipantRow> participants,
                                                      List<PortalViews.HistoryRow> history,
                                                      List<PortalViews.ReasonChoice> reasons, String error);
    }

    private static final URI LOGIN = URI.create("/portal/login");

    private final PortalSessions sessions;
    private final PortalKeys keys;
    private final OfficerDecisions decisions;
    private final RequestService requests;
    private final HistoryLog history;

    @Context
    HttpServerRequest http;

    OfficerPages(PortalSessions sessions, PortalKeys keys, OfficerDecisions decisions, RequestService requests,
                 HistoryLog history) {
        this.sessions = sessions;
        this.keys = keys;
        this.decisions = decisions;
        this.requests = requests;
        this.history = history;
    }

    @GET
    public Response queue(@CookieParam(PortalCookies.SESSION) String session) {
        Optional<Visitor> visitor = sessions.visitor(session, PortalPages.client(http));
        if (visitor.isEmpty()) {
            return Response.seeOther(LOGIN).build();
        }
        if (!reads(visitor.get())) {
            return notOfficer(session, visitor.get());
        }
        List<PortalViews.QueueRow> rows = decisions.queue(true, 0, 200).items().stream().map(PortalViews.QueueRow::of).toList();
        HistoryLog.Verification chain = history.verify();
        return PortalPages.page(200, Templates.officerQueue(frame(session, visitor.get()), rows, PortalViews.chain(chain),
                chain.intact())).build();
    }

    @GET
    @Path("/requests/{id}")
    public Response request(@PathParam("id") String id, @CookieParam(PortalCookies.SESSION) String session) {
        Optional<Visitor> visitor = sessions.visitor(session, PortalPages.client(http));
        if (visitor.isEmpty()) {
            return Response.seeOther(LOGIN).build();
        }
        if (!reads(visitor.get())) {
            return notOfficer(session, visitor.get());
        }
        return requestPage(200, session, visitor.get(), id, null);
    }

    @POST
    @Path("/requests/{id}/extend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("id") String id, @RestForm String months, @RestForm String reasons,
                           @RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        return decide(id, csrf, session, (officer, requestId) -> {
            int extraMonths = "2".equals(months) ? 2 : "1".equals(months) ? 1 : 0;
            if (extraMonths == 0) {
                return "Choose one or two months.";
            }
            if (reasons == null || reasons.isBlank() || reasons.length() > 2000) {
                return "Give the reasons the person will read (up to 2,000 characters).";
            }
            decisions.extend(officer.loginId(), requestId, extraMonths, reasons);
            return null;
        });
    }

    @POST
    @Path("/requests/{id}/refuse")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refuse(@PathParam("id") String id, @RestForm String reason, @RestForm String explanation,
                           @RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        return decide(id, csrf, session, (officer, requestId) -> {
            RefusalReason chosen;
            try {
                chosen = RefusalReason.valueOf(reason == null ? "" : reason);
            } catch (IllegalArgumentException e) {
                return "Choose the reason for the refusal.";
            }
            if (explanation != null && explanation.length() > 2000) {
                return "Keep the explanation under 2,000 characters.";
            }
            decisions.refuse(officer.loginId(), requestId, chosen, explanation == null || explanation.isBlank() ? null : explanation);
            return null;
        });
    }

    /** A decision: returns the error to show, or null when it was taken. */
    private interface Decision {
        String take(Visitor officer, UUID requestId);
    }

    private Response decide(String id, String csrf, String session, Decision decision) {
        Optional<Visitor> visitor = sessions.visitor(session, PortalPages.client(http));
        if (visitor.isEmpty()) {
            return Response.seeOther(LOGIN).build();
        }
        if (!visitor.get().has(Roles.PRIVACY_OFFICER)) {
            return notOfficer(session, visitor.get());
        }
        if (!keys.csrfMatches(session, csrf)) {
            return PortalPages.expired(frame(session, visitor.get()));
        }
        Optional<UUID> requestId = parse(id);
        if (requestId.isEmpty()) {
            return requestPage(404, session, visitor.get(), id, null);
        }
        try {
            String error = decision.take(visitor.get(), requestId.get());
            if (error != null) {
                return requestPage(400, session, visitor.get(), id, error);
            }
        } catch (ProblemException refused) {
            return requestPage(refused.type().status() == 404 ? 404 : 409, session, visitor.get(), id, PortalPages.reason(refused));
        }
        return Response.seeOther(URI.create("/portal/officer/requests/" + requestId.get())).build();
    }

    private Response requestPage(int status, String session, Visitor visitor, String id, String error) {
        Optional<UUID> requestId = parse(id);
        RequestService.RequestDetail detail;
        OfficerDecisions.QueueEntry entry;
        try {
            detail = requests.detail(requestId.orElseThrow(() -> ProblemException.notFound("Request")));
            entry = decisions.entry(requestId.get());
        } catch (ProblemException notFound) {
            return PortalPages.page(404, PortalPages.Templates.problem(frame(session, visitor), "Not found",
                    "There is no such request.")).build();
        }
        DsrRequest r = detail.request();
        boolean decides = visitor.has(Roles.PRIVACY_OFFICER) && r.status.isOpen();
        return PortalPages.page(status, Templates.officerRequest(frame(session, visitor), PortalViews.QueueRow.of(entry),
                r.channel.name().toLowerCase(java.util.Locale.ROOT), r.details, r.processing, decides,
                decides && r.extendedTo == null, detail.participants().stream().map(PortalViews.ParticipantRow::of).toList(),
                detail.history().stream().map(PortalViews.HistoryRow::of).toList(), PortalViews.ReasonChoice.all(), error))
                .build();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean reads(Visitor visitor) {
        return visitor.has(Roles.PRIVACY_OFFICER) || visitor.has(Roles.ADMIN);
    }

    private Frame frame(String session, Visitor visitor) {
        return Frame.of(keys.csrfToken(session), visitor, "officer");
    }

    private Response notOfficer(String session, Visitor visitor) {
        return PortalPages.page(403, PortalPages.Templates.problem(Frame.of(keys.csrfToken(session), visitor, null),
                "Only for the privacy officer", "These pages are for the privacy officer and admins.")).build();
    }

    /** identity-service cannot be reached: a page that says so, not a 500. */
    @ServerExceptionMapper
    Response unavailable(ServiceCallException e) {
        return PortalPages.unavailablePage(e);
    }
}
