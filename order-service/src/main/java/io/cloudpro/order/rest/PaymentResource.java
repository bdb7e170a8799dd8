package io.cloudpro.order.rest;

import io.cloudpro.order.domain.Payment;
import io.cloudpro.order.service.PaymentService;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The caller's account's payments; the providers' webhooks; the page payers return to. */
@Path("/api/v1/payments")
@Tag(name = "Payments", description = "iDEAL (through Mollie) and PayPal payments of orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class PaymentResource {

    private final CurrentCustomer customer;
    private final PaymentService payments;

    PaymentResource(CurrentCustomer customer, PaymentService payments) {
        this.customer = customer;
        this.payments = payments;
    }

    @GET
    @Operation(summary = "My account's payments", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    public Page<PaymentDtos.PaymentView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return payments.list(customer.require(), page, size).map(PaymentDtos.PaymentView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my account's payments, with its transactions")
    @APIResponse(responseCode = "200", description = "The payment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentDtos.PaymentDetailView.class)))
    @APIResponse(responseCode = "404", description = "No such payment of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PaymentDtos.PaymentDetailView get(@PathParam("id") UUID id) {
        return new PaymentDtos.PaymentDetailView(PaymentDtos.PaymentView.of(payments.get(customer.require(), id)),
                payments.transactions(customer.require(), id).stream().map(PaymentDtos.TransactionView::of).toList());
    }

    @POST
    @Path("/webhooks/mollie")
    @PermitAll
    @SecurityRequirements
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Mollie's webhook", description = "Carries only a payment id; the status is then read from Mollie."
            + " Always 200, also for an id we do not know, so that nothing can be learnt by probing.")
    @APIResponse(responseCode = "200", description = "Received")
    @APIResponse(responseCode = "415", description = "Not a form post",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response mollie(@FormParam("id") String id) {
        payments.mollieWebhook(id);
        return Response.ok().build();
    }

    @POST
    @Path("/webhooks/paypal")
    @PermitAll
    @SecurityRequirements
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "PayPal's webhook", description = "Trusted only when its signature (PAYPAL-TRANSMISSION-SIG,"
            + " with PayPal's certificate) checks out; each event is handled once; the order is then read from PayPal.")
    @APIResponse(responseCode = "200", description = "Received")
    @APIResponse(responseCode = "400", description = "Not signed by PayPal (type webhook-not-authentic)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response payPal(@Context HttpHeaders headers, String body) {
        Map<String, String> lowerCased = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCased.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        payments.payPalWebhook(lowerCased, body == null ? "" : body);
        return Response.ok().build();
    }

    @GET
    @Path("/return/{id}")
    @PermitAll
    @SecurityRequirements
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Where the provider sends the payer back",
            description = "Asks the provider for the payment's status at once and shows it; names nothing but the status.")
    @APIResponse(responseCode = "200", description = "A short page with the payment's status",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Not a payment id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response returned(@PathParam("id") UUID id) {
        Payment payment = payments.returned(id);
        String status = payment == null ? "unknown" : payment.status.name().toLowerCase(Locale.ROOT);
        String message = switch (status) {
            case "paid" -> "Thank you: your payment has been received. Your invoice is in your account.";
            case "open", "pending" -> "Your payment is being processed; this page does not need to stay open.";
            default -> "The payment did not go through (" + status + "). You can start a new one from your order.";
        };
        return Response.ok("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Payment " + status
                + "</title></head><body style=\"font-family:sans-serif;max-width:36em;margin:3em auto\"><h1>Payment "
                + status + "</h1><p>" + message + "</p></body></html>").type(MediaType.TEXT_HTML + ";charset=utf-8").build();
    }
}
