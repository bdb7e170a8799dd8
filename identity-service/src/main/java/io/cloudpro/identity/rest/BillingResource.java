package io.cloudpro.identity.rest;

import io.cloudpro.identity.service.BillingDetailsService;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** For order-service: the name and address an invoice must carry, read when the invoice is issued. */
@Path("/api/v1/billing/accounts")
@Tag(name = "Billing")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class BillingResource {

    private final BillingDetailsService billing;

    BillingResource(BillingDetailsService billing) {
        this.billing = billing;
    }

    @GET
    @Path("/{accountId}")
    @Operation(summary = "An account's billing details (service token)",
            description = "The customer's name and address and, for a business, its name, address, VAT id and KvK"
                    + " number, as they are now - copied onto an invoice when it is issued.")
    @APIResponse(responseCode = "200", description = "The details",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BillingDetailsService.BillingDetails.class)))
    @APIResponse(responseCode = "404", description = "No such account, or it was erased",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BillingDetailsService.BillingDetails get(@PathParam("accountId") UUID accountId) {
        return billing.of(accountId).orElseThrow(() -> ProblemException.notFound("account"));
    }
}
