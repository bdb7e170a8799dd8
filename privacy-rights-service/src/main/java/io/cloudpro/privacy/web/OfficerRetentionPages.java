package io.cloudpro.privacy.web;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.service.PortalSessions.Visitor;
import io.cloudpro.privacy.service.PrivacyStatistics;
import io.cloudpro.privacy.service.RetentionOverview;
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

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The privacy officer's view of retention - legal holds placed and lifted, the dry run of the next
 * 30 days, overdue purges (all at retention-service, with the officer's token) - and the charts:
 * requests per month, time to answer, purges per category.
 */
@Path("/portal/officer")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class OfficerRetentionPages {

    @CheckedTemplate(basePath = "portal")
    static final class Templates {
        static native TemplateInstance officerRetention(Frame frame, List<PortalViews.HoldRow> holds,
                                                        List<PortalViews.DueRow> due, List<PortalViews.OverdueRow> overdue,
                                                        int days, boolean decides, String error);

        static native TemplateInstance officerStatistics(Frame frame, PortalViews.Chart requestChart,
                                                         List<PortalViews.MonthRow> months, List<String> types,
                                                         PortalViews.Chart answerChart, List<PortalViews.AnswerRow> answers,
                                                         PortalViews.Chart purgeChart, boolean purgesKnown);
    }

    /** The dry run looks this far ahead; the charts this far back (months). */
    private static final int DRY_RUN_DAYS = 30;
    private static final int MONTHS = 12;

    private final PortalAccess access;
    private final RetentionOverview retention;
    private final PrivacyStatistics statistics;

    @Context
    HttpServerRequest http;

    OfficerRetentionPages(PortalAccess access, RetentionOverview retention, PrivacyStatistics statistics) {
        this.access = access;
        this.retention = retention;
        this.statistics = statistics;
    }

    @GET
    @Path("/retention")
    public Response retention(@CookieParam(PortalCookies.SESSION) String session) {
        return access.read(http, session, officer -> retentionPage(200, session, officer, null));
    }

    @POST
    @Path("/retention/holds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response placeHold(@RestForm String subjectId, @RestForm String category, @RestForm String reference,
                              @RestForm String reason, @RestForm("_csrf") String csrf,
                              @CookieParam(PortalCookies.SESSION) String session) {
        return change(session, csrf, officer -> {
            boolean subjectGiven = subjectId != null && !subjectId.isBlank();
            Optional<UUID> subject = PortalAccess.id(subjectId);
            String categoryName = category == null || category.isBlank() ? null : PortalAccess.line(category, 100);
            String caseReference = PortalAccess.line(reference, 100);
            String why = PortalAccess.text(reason, 1000);
            boolean categoryGiven = category != null && !category.isBlank();
            if (subjectGiven && subject.isEmpty() || !subjectGiven && !categoryGiven || categoryGiven && categoryName == null) {
                return Optional.of("Hold a subject (an account, login or application id), a category, or a subject's category.");
            }
            if (caseReference == null || why == null) {
                return Optional.of("Give the case reference (one line) and the reason (up to 1,000 characters).");
            }
            return retention.placeHold(officer, subject.orElse(null), categoryName, caseReference, why);
        });
    }

    @POST
    @Path("/retention/holds/{id}/lift")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response liftHold(@PathParam("id") String id, @RestForm String reason, @RestForm("_csrf") String csrf,
                             @CookieParam(PortalCookies.SESSION) String session) {
        return change(session, csrf, officer -> {
            Optional<UUID> hold = PortalAccess.id(id);
            String why = PortalAccess.text(reason, 1000);
            if (hold.isEmpty() || why == null) {
                return Optional.of("Give the reason the hold ends (up to 1,000 characters).");
            }
            return retention.liftHold(officer, hold.get(), why);
        });
    }

    @GET
    @Path("/statistics")
    public Response statistics(@CookieParam(PortalCookies.SESSION) String session) {
        return access.read(http, session, officer -> {
            List<PrivacyStatistics.MonthOfRequests> months = statistics.requestsPerMonth(MONTHS);
            Map<String, Long> perMonth = new LinkedHashMap<>();
            months.forEach(m -> perMonth.put(m.month(), m.total()));
            List<PrivacyStatistics.MonthOfAnswers> answers = statistics.answersPerMonth(MONTHS);
            Map<String, Double> medians = new LinkedHashMap<>();
            answers.forEach(a -> medians.put(a.month(), a.medianDays()));
            Map<String, Long> purged;
            boolean purgesKnown = true;
            try {
                purged = retention.purgedPerCategory(officer);
            } catch (ServiceCallException e) {
                purged = Map.of(); // the request charts still help; the page says the purges are not known now
                purgesKnown = false;
            }
            return PortalPages.page(200, Templates.officerStatistics(access.frame(session, officer, "statistics"),
                    PortalViews.Chart.of(perMonth, n -> n + (n.longValue() == 1 ? " request" : " requests")),
                    months.stream().map(PortalViews.MonthRow::of).toList(),
                    Arrays.stream(RequestType.values()).map(t -> PortalViews.typeName(t).replaceAll(":.*", "")).toList(),
                    PortalViews.Chart.of(medians, n -> String.format(Locale.ROOT, "%.1f days", n.doubleValue())),
                    answers.stream().map(PortalViews.AnswerRow::of).toList(),
                    PortalViews.Chart.of(purged, n -> n + " records"), purgesKnown)).build();
        });
    }

    /** identity-service or retention-service cannot be reached: a page that says so, not a 500. */
    @ServerExceptionMapper
    Response unavailable(ServiceCallException e) {
        return PortalPages.unavailablePage(e);
    }

    /** retention-service does not accept the officer's token or role: say so, it is not an outage. */
    @ServerExceptionMapper
    Response refused(RetentionOverview.Refused e) {
        return PortalPages.page(502, PortalPages.Templates.problem(PortalViews.Frame.anonymous(null), "Not available to you",
                "The retention service did not accept your login for this page. Ask an admin to check your roles.")).build();
    }

    /** A change at retention-service by the privacy officer: empty when done, else the reason to show. */
    private Response change(String session, String csrf, Function<Visitor, Optional<String>> change) {
        return access.decide(http, session, csrf, officer -> change.apply(officer)
                .map(refused -> retentionPage(400, session, officer, refused))
                .orElseGet(() -> Response.seeOther(URI.create("/portal/officer/retention")).build()));
    }

    private Response retentionPage(int status, String session, Visitor officer, String error) {
        RetentionOverview.Overview overview = retention.read(officer, DRY_RUN_DAYS);
        return PortalPages.page(status, Templates.officerRetention(access.frame(session, officer, "retention"),
                PortalViews.HoldRow.of(overview.holds()), PortalViews.DueRow.of(overview.dryRun()),
                PortalViews.OverdueRow.of(overview.overdue()), DRY_RUN_DAYS, PortalAccess.decides(officer), error)).build();
    }
}
