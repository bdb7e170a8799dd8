package io.cloudpro.privacy.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * The privacy portal's pages load nothing but their own stylesheet: no script at all, inline or
 * not, no frames, forms only to this site. Pages with personal data are never stored by a browser
 * or a proxy. The public privacy statement gets the same policy, and may be cached.
 */
@Provider
public class PortalHeaders implements ContainerResponseFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/portal") && !path.startsWith("/privacy-statement")) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        if (path.startsWith("/portal")) {
            response.getHeaders().putSingle("Cache-Control", "no-store, private");
        }
    }
}
