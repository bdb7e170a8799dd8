package io.cloudpro.privacy.web;

import io.cloudpro.platform.problem.Problem;
import io.cloudpro.privacy.web.PortalViews.Frame;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A person in a browser gets a page, not problem+json: under {@code /portal} and
 * {@code /privacy-statement}, the platform's problems that have no page of their own - an unknown
 * address, a method the address does not take, too many requests, a refusal, an unexpected error - become the
 * portal's error page with the same status and headers (Retry-After). The APIs keep answering
 * problem+json.
 */
public class PortalErrorPages {

    @ServerResponseFilter
    public void asPage(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        MediaType type = response.getMediaType();
        if (!path.startsWith("/portal") && !path.startsWith("/privacy-statement") || type == null
                || !Problem.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype())) {
            return;
        }
        String title;
        String message;
        switch (response.getStatus()) {
            case 400 -> {
                title = "This could not be read";
                message = "Something in what was sent was not as expected. Go back, reload the page and try again.";
            }
            case 401, 403 -> {
                title = "Not allowed";
                message = "You may not do this here. Log in again if you think you should.";
            }
            case 409 -> {
                title = "Not possible now";
                message = "This cannot be done in the state things are in. Reload the page to see it as it is now.";
            }
            case 404 -> {
                title = "Page not found";
                message = "There is no page at this address. It may have moved.";
            }
            case 405 -> {
                title = "This cannot be done here";
                message = "This address does not take that kind of request. Go back and use the page's links and buttons.";
            }
            case 429 -> {
                title = "Please wait a moment";
                message = "There were too many attempts from your address. Wait a minute, then try again.";
            }
            default -> {
                title = "Something went wrong";
                // the id the platform logged the error under, for support to find it
                Object errorId = response.getEntity() instanceof Problem problem ? problem.extensions().get("errorId") : null;
                message = "We could not handle this request; please try again later."
                        + (errorId == null ? "" : " If you contact us, mention error " + errorId + ".");
            }
        }
        response.setEntity(PortalPages.Templates.problem(Frame.anonymous(null), title, message).render(), null,
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
