package io.cloudpro.identity.rest;

import io.cloudpro.identity.service.NewsletterService;
import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.validation.SingleLine;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

/** The newsletter: sending an issue (admins), and the one-click unsubscribe link of every issue (RFC 8058). */
@Path("/api/v1/newsletter")
@Tag(name = "Newsletter")
public class NewsletterResource {

    private final NewsletterService newsletter;

    NewsletterResource(NewsletterService newsletter) {
        this.newsletter = newsletter;
    }

    @Schema(name = "NewsletterIssue")
    public record Issue(@NotBlank @Size(max = 150) @SingleLine String subject, @NotBlank @Size(max = 50_000) String text) {
    }

    @Schema(name = "NewsletterSent")
    public record Sent(@Schema(description = "How many subscribers it went to") int recipients) {
    }

    @POST
    @Path("/issues")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an issue of the newsletter",
            description = "To every subscriber whose account is open and whose processing is not restricted (GDPR"
                    + " art. 18); each mail carries its one-click unsubscribe link.")
    @APIResponse(responseCode = "200", description = "Queued for sending",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Sent.class)))
    public Sent send(@Valid @NotNull Issue issue) {
        return new Sent(newsletter.sendIssue(issue.subject(), issue.text()));
    }

    @POST
    @Path("/unsubscribe")
    @PermitAll
    @SecurityRequirements
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
