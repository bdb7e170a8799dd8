package io.cloudpro.privacy.web;

import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.privacy.service.ComplaintService;
import io.cloudpro.privacy.service.DisclosureRegister;
import io.cloudpro.privacy.service.PortalSessions.Visitor;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The privacy officer's records: complaints (answered once, by mail and in the portal) and the
 * register of disclosures, with the police claims the officer records there.
 */
@Path("/portal/officer")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class OfficerRecordPages {

    @CheckedTemplate(basePath = "portal")
    static final class Templates {
        static native TemplateInstance officerComplaints(Frame frame, List<PortalViews.ComplaintRow> complaints, boolean decides,
                                                         String error);

        static native TemplateInstance officerDisclosures(Frame frame, List<PortalViews.DisclosureRow> disclosures,
                                                          String subject, boolean decides, String error);
    }

    private final PortalAccess access;
    private final ComplaintService complaints;
    private final DisclosureRegister disclosures;

    @Context
    HttpServerRequest http;

    OfficerRecordPages(PortalAccess access, ComplaintService complaints, DisclosureRegister disclosures) {
        this.access = access;
        this.complaints = complaints;
        this.disclosures = disclosures;
    }

    @GET
    @Path("/complaints")
    public Response complaints(@CookieParam(PortalCookies.SESSION) String session) {
        return access.read(http, session, officer -> complaintsPage(200, session, officer, null));
    }

    @POST
    @Path("/complaints/{id}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("id") String id, @RestForm String answer, @RestForm("_csrf") String csrf,
                           @CookieParam(PortalCookies.SESSION) String session) {
        return access.decide(http, session, csrf, officer -> {
            Optional<UUID> complaintId = PortalAccess.id(id);
            String text = PortalAccess.text(answer, 10_000);
            if (complaintId.isEmpty()) {
                return complaintsPage(404, session, officer, "There is no such complaint.");
            }
            if (text == null) {
                return complaintsPage(400, session, officer, "Write the answer the person will receive (up to 10,000 characters).");
            }
            try {
                complaints.answer(officer.loginId(), complaintId.get(), text);
            } catch (ProblemException refused) {
                return complaintsPage(refused.type().status() == 404 ? 404 : 409, session, officer, PortalPages.reason(refused));
            }
            return Response.seeOther(URI.create("/portal/officer/complaints#complaint-" + complaintId.get())).build();
        });
    }

    @GET
    @Path("/disclosures")
    public Response disclosures(@QueryParam("subject") String subject, @CookieParam(PortalCookies.SESSION) String session) {
        return access.read(http, session, officer -> {
            if (subject == null || subject.isBlank()) {
                return disclosuresPage(200, session, officer, null, null);
            }
            return PortalAccess.id(subject).map(about -> disclosuresPage(200, session, officer, about, null))
                    .orElseGet(() -> disclosuresPage(400, session, officer, null, "A subject is an account or login id (a UUID)."));
        });
    }

    @POST
    @Path("/disclosures/police-claims")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recordPoliceClaim(@RestForm String subjectId, @RestForm String authority, @RestForm String claimReference,
                                      @RestForm String legalBasis, @RestForm String categories, @RestForm String fields,
                                      @RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        return access.decide(http, session, csrf, officer -> {
            Optional<UUID> subject = PortalAccess.id(subjectId);
            String by = PortalAccess.line(authority, 200);
            String reference = PortalAccess.line(claimReference, 200);
            String basis = PortalAccess.line(legalBasis, 300);
            List<String> categoryNames = PortalAccess.names(categories, 30);
            List<String> fieldNames = PortalAccess.names(fields, 50);
            String problem = subject.isEmpty() ? "Give the account or login id the claim was about."
                    : by == null || reference == null || basis == null
                    ? "Give the authority, their reference (200 characters each) and the legal basis (300), one line each."
                    : categoryNames.isEmpty() || fieldNames.isEmpty()
                    ? "Name the categories (up to 30) and the fields (up to 50) disclosed, separated by commas." : null;
            if (problem != null) {
                return disclosuresPage(400, session, officer, null, problem);
            }
            disclosures.recordPoliceClaim(officer.loginId(), new DisclosureRegister.PoliceClaim(subject.get(), by, reference,
                    basis, categoryNames, fieldNames, null));
            return Response.seeOther(URI.create("/portal/officer/disclosures?subject=" + subject.get())).build();
        });
    }

    /** identity-service cannot be reached: a page that says so, not a 500. */
    @ServerExceptionMapper
    Response unavailable(ServiceCallException e) {
        return PortalPages.unavailablePage(e);
    }

    private Response complaintsPage(int status, String session, Visitor officer, String error) {
        List<PortalViews.ComplaintRow> rows = complaints.queue(0, 100).items().stream().map(PortalViews.ComplaintRow::of).toList();
        return PortalPages.page(status, Templates.officerComplaints(access.frame(session, officer, "complaints"), rows,
                PortalAccess.decides(officer), error)).build();
    }

    private Response disclosuresPage(int status, String session, Visitor officer, UUID subject, String error) {
        List<PortalViews.DisclosureRow> rows = disclosures.page(subject, 0, 100).items().stream()
                .map(PortalViews.DisclosureRow::of).toList();
        return PortalPages.page(status, Templates.officerDisclosures(access.frame(session, officer, "disclosures"), rows,
                subject == null ? null : subject.toString(), PortalAccess.decides(officer), error)).build();
    }
}
