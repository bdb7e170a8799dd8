package io.cloudpro.privacy.web;

import io.cloudpro.platform.http.ClientAddress;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.rest.PackageResponses;
import io.cloudpro.privacy.service.AccessPackages;
import io.cloudpro.privacy.service.ComplaintService;
import io.cloudpro.privacy.service.CustomerData;
import io.cloudpro.privacy.service.PersonalHoldings;
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
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.cloudpro.platform.client.ServiceCallException;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The privacy portal for customers: log in (through identity-service), see what we hold about you
 * and change your newsletter consent, file a data-subject request and follow it, download the
 * answer. Server-side pages, no script; the session is a cookie no script can read (see
 * {@link PortalCookies}), every form carries a CSRF token derived from it, and every page a
 * Content-Security-Policy ({@link PortalHeaders}).
 */
@Path("/portal")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PortalPages {

    private static final Logger LOG = Logger.getLogger(PortalPages.class);

    @CheckedTemplate(basePath = "portal")
    static final class Templates {
        static native TemplateInstance login(Frame frame, String email, String error);

        static native TemplateInstance myData(Frame frame, PortalViews.Profile profile, List<PortalViews.Login> logins,
                                              PortalViews.Newsletter newsletter, List<PortalViews.ServiceHolding> holdings);

        static native TemplateInstance myRights(Frame frame, List<PortalViews.RequestRow> requests,
                                                List<PortalViews.RequestChoice> choices, String error,
                                                List<PortalViews.ComplaintRow> complaints, String complaintError);

        static native TemplateInstance problem(Frame frame, String title, String message);
    }

    private static final URI LOGIN = URI.create("/portal/login");
    private static final String LOGIN_REFUSED =
            "That e-mail address and password do not match a login, or the address is not confirmed yet.";
    private static final URI MY_DATA = URI.create("/portal/my-data");
    private static final URI MY_RIGHTS = URI.create("/portal/my-rights");

    private final PortalSessions sessions;
    private final PortalKeys keys;
    private final CustomerData customers;
    private final RequestService requests;
    private final AccessPackages packages;
    private final PersonalHoldings holdings;
    private final ComplaintService complaints;
    private final PortalAccess access;

    @Context
    HttpServerRequest http;

    PortalPages(PortalSessions sessions, PortalKeys keys, CustomerData customers, RequestService requests,
                AccessPackages packages, PersonalHoldings holdings, ComplaintService complaints, PortalAccess access) {
        this.sessions = sessions;
        this.keys = keys;
        this.customers = customers;
        this.requests = requests;
        this.packages = packages;
        this.holdings = holdings;
        this.complaints = complaints;
        this.access = access;
    }

    @GET
    public Response home(@CookieParam(PortalCookies.SESSION) String session) {
        return Response.seeOther(visitor(session).map(PortalPages::landing).orElse(LOGIN)).build();
    }

    /** Where a login lands: the officer's queue for the privacy officer and admins, the customer's data otherwise. */
    private static URI landing(Visitor visitor) {
        return visitor.has(Roles.PRIVACY_OFFICER) || visitor.has(Roles.ADMIN) ? URI.create("/portal/officer") : MY_DATA;
    }

    // --- logging in and out ---------------------------------------------------------------------------

    @GET
    @Path("/login")
    public Response loginPage(@CookieParam(PortalCookies.SESSION) String session, @CookieParam(PortalCookies.FORM) String form) {
        Optional<Visitor> visitor = visitor(session);
        if (visitor.isPresent()) {
            return Response.seeOther(landing(visitor.get())).build();
        }
        String formCookie = form == null || form.isBlank() ? keys.newCookieValue() : form;
        return page(200, Templates.login(anonymous(formCookie), null, null))
                .cookie(PortalCookies.set(PortalCookies.FORM, formCookie)).build();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@RestForm String email, @RestForm String password, @RestForm("_csrf") String csrf,
                          @CookieParam(PortalCookies.FORM) String form) {
        if (!keys.csrfMatches(form, csrf)) {
            return expiredForm(anonymous(form == null ? keys.newCookieValue() : form));
        }
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return page(400, Templates.login(anonymous(form), email, "Enter your e-mail address and your password.")).build();
        }
        if (email.length() > 254 || password.length() > 128) {
            return page(401, Templates.login(anonymous(form), null, LOGIN_REFUSED)).build(); // no login is that long
        }
        try {
            String cookie = sessions.login(email.strip(), password, client());
            return Response.seeOther(URI.create("/portal")).cookie(PortalCookies.set(PortalCookies.SESSION, cookie),
                    PortalCookies.clear(PortalCookies.FORM)).build();
        } catch (PortalSessions.LoginRefused refused) {
            Optional<Long> wait = refused.retryAfterSeconds();
            return wait.isPresent()
                    ? page(429, Templates.login(anonymous(form), email, "Too many attempts. Try again in "
                            + wait.get() + " seconds.")).header("Retry-After", wait.get()).build()
                    : page(401, Templates.login(anonymous(form), email, LOGIN_REFUSED)).build();
        }
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        if (session != null && !keys.csrfMatches(session, csrf)) {
            return expiredForm(frame(session, null));
        }
        sessions.logout(session, client());
        return Response.seeOther(LOGIN).cookie(PortalCookies.clear(PortalCookies.SESSION)).build();
    }

    // --- my data ----------------------------------------------------------------------------------------

    @GET
    @Path("/my-data")
    public Response myData(@CookieParam(PortalCookies.SESSION) String session) {
        return access.customerPage(http, session, customer -> {
            CustomerData.Snapshot data = customers.read(customer, 20);
            return page(200, Templates.myData(frame(session, customer, "my-data"), PortalViews.Profile.of(data.account()),
                    PortalViews.Login.of(data.logins()),
                    data.newsletter().map(PortalViews.Newsletter::of).orElse(PortalViews.Newsletter.none()),
                    PortalViews.ServiceHolding.of(holdings.of(customer.loginId())))).build();
        });
    }

    @POST
    @Path("/my-data/newsletter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response newsletter(@RestForm String subscribed, @RestForm("_csrf") String csrf,
                               @CookieParam(PortalCookies.SESSION) String session) {
        return access.customerForm(http, session, csrf, customer -> {
            Optional<String> refused = customers.setNewsletter(customer, "true".equals(subscribed));
            if (refused.isPresent()) {
                return page(409, Templates.problem(frame(session, customer), "Not changed", refused.get())).build();
            }
            return Response.seeOther(URI.create("/portal/my-data#newsletter")).build();
        });
    }

    // --- my rights --------------------------------------------------------------------------------------

    @GET
    @Path("/my-rights")
    public Response myRights(@CookieParam(PortalCookies.SESSION) String session) {
        return access.customerPage(http, session, customer -> page(200, myRightsPage(session, customer, null)).build());
    }

    @POST
    @Path("/my-rights/requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response file(@RestForm String type, @RestForm String details, @RestForm String processing,
                         @RestForm("_csrf") String csrf, @CookieParam(PortalCookies.SESSION) String session) {
        return access.customerForm(http, session, csrf, customer -> {
            RequestType chosen;
            try {
                chosen = RequestType.valueOf(type == null ? "" : type);
            } catch (IllegalArgumentException e) {
                return page(400, myRightsPage(session, customer, "Choose which right you want to exercise.")).build();
            }
            if (details != null && details.length() > 5000 || processing != null && processing.length() > 100) {
                return page(400, myRightsPage(session, customer,
                        "Please keep the details under 5,000 characters, and what you object to under 100.")).build();
            }
            try {
                RequestService.Filed filed = requests.fileByLogin(customer.loginId(), new RequestService.Filing(chosen, details,
                        processing == null || processing.isBlank() ? null : processing.strip(), null));
                return Response.seeOther(URI.create("/portal/my-rights#request-" + filed.request().id)).build();
            } catch (ProblemException invalid) {
                return page(400, myRightsPage(session, customer, "Not filed: " + reason(invalid) + ".")).build();
            }
        });
    }

    @POST
    @Path("/my-rights/complaints")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response complain(@RestForm String text, @RestForm String requestId, @RestForm("_csrf") String csrf,
                             @CookieParam(PortalCookies.SESSION) String session) {
        return access.customerForm(http, session, csrf, customer -> {
            if (text == null || text.isBlank() || text.length() > 10_000) {
                return page(400, myRightsPage(session, customer, null,
                        "Write what your complaint is about (up to 10,000 characters).")).build();
            }
            UUID about = null;
            if (requestId != null && !requestId.isBlank()) {
                try {
                    about = UUID.fromString(requestId);
                } catch (IllegalArgumentException e) {
                    return page(400, myRightsPage(session, customer, null, "Choose one of your requests, or none.")).build();
                }
            }
            try {
                complaints.fileByLogin(customer.loginId(), new ComplaintService.Filing(text.strip(), about));
            } catch (ProblemException invalid) {
                return page(400, myRightsPage(session, customer, null, "Not filed: " + reason(invalid) + ".")).build();
            }
            return Response.seeOther(URI.create("/portal/my-rights#complaints")).build();
        });
    }

    @GET
    @Path("/my-rights/requests/{id}/package")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response download(@PathParam("id") String id, @CookieParam(PortalCookies.SESSION) String session) {
        return access.customerPage(http, session, customer -> {
            UUID requestId;
            try {
                requestId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                return page(404, Templates.problem(frame(session, customer), "Not found", "There is no such request of yours."))
                        .build();
            }
            try {
                return PackageResponses.of(requestId, packages.forLogin(customer.loginId(), requestId));
            } catch (ProblemException unavailable) {
                int status = unavailable.type().status();
                return page(status, Templates.problem(frame(session, customer), status == 404 ? "Not found" : "No longer available",
                        status == 404 ? "There is no such request of yours." : "This package was deleted when its download"
                                + " period ended. File a new access request to get a fresh copy.")).build();
            }
        });
    }

    // --- the parts every page shares ------------------------------------------------------------------------

    private TemplateInstance myRightsPage(String session, Visitor visitor, String error) {
        return myRightsPage(session, visitor, error, null);
    }

    private TemplateInstance myRightsPage(String session, Visitor visitor, String error, String complaintError) {
        List<PortalViews.RequestRow> rows = requests.ofLogin(visitor.loginId(), 0, 50).items().stream()
                .map(r -> PortalViews.RequestRow.of(r, packageReady(r))).toList();
        List<PortalViews.ComplaintRow> filed = complaints.ofLogin(visitor.loginId()).stream().map(PortalViews.ComplaintRow::of).toList();
        return Templates.myRights(frame(session, visitor, "my-rights"), rows, PortalViews.RequestChoice.all(), error, filed,
                complaintError);
    }

    private static boolean packageReady(DsrRequest r) {
        return r.type.producesPackage() && r.completedAt != null && r.refusalReason == null;
    }

    private Optional<Visitor> visitor(String session) {
        return sessions.visitor(session, client());
    }

    private PortalSessions.Client client() {
        return client(http);
    }

    /** Where the request comes from, as identity-service should see it. */
    static PortalSessions.Client client(HttpServerRequest http) {
        return new PortalSessions.Client(ClientAddress.of(http).ip(), http.getHeader("User-Agent"));
    }

    private Frame frame(String session, Visitor visitor) {
        return frame(session, visitor, null);
    }

    /** The header of a page: the CSRF token of the session's forms, the menu, and which of its pages this is. */
    private Frame frame(String session, Visitor visitor, String current) {
        return Frame.of(session == null ? null : keys.csrfToken(session), visitor, current);
    }

    private Frame anonymous(String formCookie) {
        return Frame.anonymous(keys.csrfToken(formCookie));
    }

    private Response expiredForm(Frame frame) {
        return expired(frame);
    }

    /** A form without its CSRF token, or with another page's: refused, and nothing done. */
    static Response expired(Frame frame) {
        return page(403, Templates.problem(frame, "This form has expired",
                "For your safety the form could not be accepted. Go back, reload the page and try again.")).build();
    }

    /** What a service's problem says, for a sentence on the page: the field's message, or the detail. */
    static String reason(ProblemException problem) {
        return problem.errors().isEmpty() ? problem.getMessage() : problem.errors().get(0).message();
    }

    static Response.ResponseBuilder page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render());
    }

    /** identity-service cannot be reached: a page that says so, not a 500. */
    @ServerExceptionMapper
    Response unavailable(ServiceCallException e) {
        return unavailablePage(e);
    }

    static Response unavailablePage(ServiceCallException e) {
        LOG.warnf("A portal page could not be served: %s", e.getMessage());
        return page(503, Templates.problem(Frame.anonymous(null), "Please try again in a minute",
                "Part of our service is not answering right now. Nothing was lost; try again in a minute."))
                .header("Retry-After", 60).build();
    }
}
