package io.cloudpro.privacy.rest;

import io.cloudpro.platform.http.RateLimited;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.privacy.domain.EmailVerification;
import io.cloudpro.privacy.service.RequestService;
import io.cloudpro.privacy.service.Verifications;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * For people without a login: a request or a complaint verified by a code mailed to the address.
 * The answers never tell whether an address has an account.
 */
@Path("/api/v1/privacy/public")
@Tag(name = "Public intake", description = "Requests and complaints verified by a mailed code; no login needed")
@PermitAll
@SecurityRequirements
@Produces(MediaType.APPLICATION_JSON)
public class PublicIntakeResource {

    static final String SENT = "If this address can receive mail, a code is on its way to it. Enter it to confirm that the"
            + " address is yours. We never ask for a copy of an identity document.";

    private final Verifications verifications;
    private final RequestService requests;

    PublicIntakeResource(Verifications verifications, RequestService requests) {
        this.verifications = verifications;
        this.requests = requests;
    }

    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(bucket = "public-intake", perMinute = 10)
    @Operation(summary = "File a request with an e-mail address", description = "A six-digit code goes to the address;"
            + " the request is filed when it is entered. The answer is the same for every address.")
    @APIResponse(responseCode = "202", description = "A code was mailed (or the address gets no more codes this hour -"
            + " the answer looks the same)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestDtos.PendingVerification.class)))
    public Response request(@Valid @NotNull RequestDtos.PublicRequest request) {
        return pending(verifications.startRequest(request.email(), request.filing()));
    }

    @POST
    @Path("/complaints")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(bucket = "public-intake", perMinute = 10)
    @Operation(summary = "File a complaint with an e-mail address", description = "Verified by a mailed code, like a request.")
    @APIResponse(responseCode = "202", description = "A code was mailed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestDtos.PendingVerification.class)))
    public Response complaint(@Valid @NotNull ComplaintDtos.PublicComplaint complaint) {
        return pending(verifications.startComplaint(complaint.email(), complaint.filing()));
    }

    private static Response pending(Verifications.Pending pending) {
        return Response.accepted(new RequestDtos.PendingVerification(pending.verificationId(), pending.expiresAt(), SENT)).build();
    }

    @POST
    @Path("/verifications/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(bucket = "public-verification", perMinute = 20)
    @Operation(summary = "Enter the mailed code", description = "Files the request or complaint. A repeated request for"
            + " access, portability, erasure or restriction while the same one is open joins it.")
    @APIResponse(responseCode = "201", description = "Filed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RequestDtos.Verified.class)))
    @APIResponse(responseCode = "400", description = "Wrong or expired code (type code-not-accepted, with triesLeft)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response verify(@PathParam("id") UUID id, @Valid @NotNull RequestDtos.VerificationCode code) {
        Verifications.Verified verified = verifications.verify(id, code.code());
        RequestDtos.Verified body = verified.purpose() == EmailVerification.Purpose.REQUEST
                ? new RequestDtos.Verified("request", RequestDtos.RequestView.of(verified.request().request(), null, requests::read), null)
                : new RequestDtos.Verified("complaint", null, ComplaintDtos.ComplaintView.forPerson(verified.complaint().complaint()));
        return Response.status(Response.Status.CREATED).entity(body).build();
    }
}
