package io.cloudpro.privacy.web;

import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.privacy.domain.DsrRequest;
import io.cloudpro.privacy.domain.RequestType;
import io.cloudpro.privacy.rest.RequestDtos;
import io.cloudpro.privacy.service.PortalKeys;
import io.cloudpro.privacy.service.RequestService;
import io.cloudpro.privacy.service.Verifications;
import io.cloudpro.privacy.web.PortalViews.Frame;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import io.cloudpro.platform.client.ServiceCallException;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request from someone without an account, in two pages: what they ask and their address, then
 * the code mailed to that address. The answers never tell whether the address has an account.
 */
@Path("/portal/requests")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PublicRequestPages {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance publicRequest(Frame frame, List<PortalViews.RequestChoice> choices, String email,
                                                     String error);

        static native TemplateInstance verifyCode(Frame frame, String verificationId, String error);

        static native TemplateInstance publicFiled(Frame frame, String type, String deadline);
    }

    private static final Pattern EMAIL = Pattern.compile(RequestDtos.EMAIL);

    private final Verifications verifications;
    private final PortalKeys keys;

    PublicRequestPages(Verifications verifications, PortalKeys keys) {
        this.verifications = verifications;
        this.keys = keys;
    }

    @GET
    @Path("/new")
    public Response form(@CookieParam(PortalCookies.FORM) String form) {
        String formCookie = form == null || form.isBlank() ? keys.newCookieValue() : form;
        return page(200, Templates.publicRequest(frame(formCookie), PortalViews.RequestChoice.all(), null, null))
                .cookie(PortalCookies.set(PortalCookies.FORM, formCookie)).build();
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(bucket = "public-intake", perMinute = 10)
    public Response start(@RestForm String email, @RestForm String type, @RestForm String details,
                          @RestForm String processing, @RestForm("_csrf") String csrf,
                          @CookieParam(PortalCookies.FORM) String form) {
        if (!keys.csrfMatches(form, csrf)) {
            return PortalPages.expired(frame(form == null ? keys.newCookieValue() : form));
        }
        String address = email == null ? "" : email.strip();
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            return invalid(form, address, "Enter the e-mail address we should answer, like jan@example.nl.");
        }
        RequestType chosen;
        try {
            chosen = RequestType.valueOf(type == null ? "" : type);
        } catch (IllegalArgumentException e) {
            return invalid(form, address, "Choose which right you want to exercise.");
        }
        if (details != null && details.length() > 5000 || processing != null && processing.length() > 100) {
            return invalid(form, address, "Please keep the details under 5,000 characters.");
        }
        try {
            Verifications.Pending pending = verifications.startRequest(address, new RequestService.Filing(chosen, details,
                    processing == null || processing.isBlank() ? null : processing.strip(), null));
            return Response.seeOther(URI.create("/portal/requests/verify/" + pending.verificationId())).build();
        } catch (ProblemException problem) {
            return invalid(form, address, "Not sent: " + PortalPages.reason(problem) + ".");
        }
    }

    @GET
    @Path("/verify/{id}")
    public Response codeForm(@PathParam("id") String id, @CookieParam(PortalCookies.FORM) String form) {
        String formCookie = form == null || form.isBlank() ? keys.newCookieValue() : form;
        return page(200, Templates.verifyCode(frame(formCookie), verificationId(id), null))
                .cookie(PortalCookies.set(PortalCookies.FORM, formCookie)).build();
    }

    @POST
    @Path("/verify/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(bucket = "public-verification", perMinute = 20)
    public Response verify(@PathParam("id") String id, @RestForm String code, @RestForm("_csrf") String csrf,
                           @CookieParam(PortalCookies.FORM) String form) {
        if (!keys.csrfMatches(form, csrf)) {
            return PortalPages.expired(frame(form == null ? keys.newCookieValue() : form));
        }
        String verificationId = verificationId(id);
        try {
            Verifications.Verified verified = verifications.verify(UUID.fromString(verificationId), code);
            if (verified.request() == null) { // a complaint's code, entered here: it is filed all the same
                return Response.seeOther(URI.create("/portal/requests/filed?what=complaint")).build();
            }
            DsrRequest filed = verified.request().request();
            // to a page a reload cannot file again; it needs nothing of the person, only what and when
            return Response.seeOther(URI.create("/portal/requests/filed?what=" + filed.type.name() + "&due=" + filed.deadline()))
                    .build();
        } catch (ProblemException wrong) {
            return page(400, Templates.verifyCode(frame(form), verificationId, wrong.getMessage())).build();
        }
    }

    /** What was filed and when it is due, as the code's answer said: shown, and shown again on a reload. */
    @GET
    @Path("/filed")
    public Response filed(@QueryParam("what") String what, @QueryParam("due") String due) {
        if ("complaint".equals(what)) {
            return page(200, PortalPages.Templates.problem(Frame.anonymous(null), "Your complaint is filed",
                    "We answer by e-mail.")).build();
        }
        String type = java.util.Arrays.stream(RequestType.values()).filter(t -> t.name().equals(what)).findFirst()
                .map(PortalViews::typeName).orElse(null);
        String deadline;
        try {
            deadline = due == null ? null : PortalViews.day(LocalDate.parse(due));
        } catch (DateTimeParseException e) {
            deadline = null;
        }
        return page(200, Templates.publicFiled(Frame.anonymous(null), type, deadline)).build();
    }

    /** The id as it came when it is one; otherwise one that matches no verification (the code is then refused). */
    private static String verificationId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0).toString();
        }
    }

    private Response invalid(String form, String email, String error) {
        return page(400, Templates.publicRequest(frame(form), PortalViews.RequestChoice.all(), email, error)).build();
    }

    private Frame frame(String formCookie) {
        return Frame.anonymous(keys.csrfToken(formCookie));
    }

    private static Response.ResponseBuilder page(int status, TemplateInstance page) {
        return PortalPages.page(status, page);
    }

    /** identity-service cannot be reached: a page that says so, not a 500. */
    @ServerExceptionMapper
    Response unavailable(ServiceCallException e) {
        return PortalPages.unavailablePage(e);
    }
}
