package io.cloudpro.identity.rest;

import io.cloudpro.identity.service.NewsletterService;
import io.cloudpro.platform.http.RateLimited;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The one-click unsubscribe link of every newsletter (RFC 8058): no login needed. */
@Path("/api/v1/newsletter")
@Tag(name = "Newsletter")
@PermitAll
@SecurityRequirements
public class NewsletterResource {

    private final NewsletterService newsletter;

    NewsletterResource(NewsletterService newsletter) {
        this.newsletter = newsletter;
    }

    @POST
    @Path("/unsubscribe")
    @RateLimited(bucket = "unsubscribe", perMinute = 20)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unsubscribe with the link from a newsletter",
            description = "POST, as RFC 8058 one-click unsubscribe does (a GET could be triggered by link scanners)."
                    + " Kept as consent proof; publishes newsletter.consent-changed.")
    public Map<String, Object> unsubscribe(@QueryParam("token") @NotBlank String token) {
        newsletter.unsubscribe(token);
        return Map.of("subscribed", false);
    }
}
