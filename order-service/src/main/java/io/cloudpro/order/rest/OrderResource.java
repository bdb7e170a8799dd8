package io.cloudpro.order.rest;

import io.cloudpro.order.service.InvoiceIssuer;
import io.cloudpro.order.service.InvoiceService;
import io.cloudpro.order.service.OrderService;
import io.cloudpro.order.service.PaymentService;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** The caller's account's orders; another account's order is a 404. */
@Path("/api/v1/orders")
@Tag(name = "Orders", description = "Orders placed directly or from an accepted quotation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class OrderResource {

    private final CurrentCustomer customer;
    private final OrderService orders;
    private final InvoiceService invoices;
    private final PaymentService payments;

    OrderResource(CurrentCustomer customer, OrderService orders, InvoiceService invoices, PaymentService payments) {
        this.customer = customer;
        this.orders = orders;
        this.invoices = invoices;
        this.payments = payments;
    }

    @POST
    @Operation(summary = "Place an order", description = "At today's prices, numbered O<year>-nnnnnn; publishes"
            + " order.placed. With an Idempotency-Key the same key and body give the same order; the same key with"
            + " another body is a 422.")
    @APIResponse(responseCode = "201", description = "The order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.OrderView.class)))
    @APIResponse(responseCode = "422", description = "A product is not offered (type product-unavailable), or the"
            + " key was used with another body (type idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(@Valid @NotNull OrderDtos.LinesRequest request,
                          @Parameter(description = "Any unique string per intended order, e.g. a UUID", example = "7f8c1e2a-order-1")
                          @HeaderParam(QuotationResource.IDEMPOTENCY_KEY) String idempotencyKey) {
        OrderDtos.OrderView view = OrderDtos.OrderView.of(orders.place(customer.require(), request.toDomain(), idempotencyKey));
        return Response.created(URI.create("/api/v1/orders/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "My account's orders", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "One page of orders",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    public Page<OrderDtos.OrderView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                          @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return orders.list(customer.require(), page, size).map(OrderDtos.OrderView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my account's orders")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.OrderView.class)))
    @APIResponse(responseCode = "404", description = "No such order of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderDtos.OrderView get(@PathParam("id") UUID id) {
        return OrderDtos.OrderView.of(orders.get(customer.require(), id));
    }

    @POST
    @Path("/{id}/invoice")
    @Operation(summary = "Issue the order's invoice",
            description = "Copies the account's name and address (and, for a business, its VAT id and KvK number) from"
                    + " identity-service onto the invoice; an EU business outside the Netherlands whose VAT id VIES confirms"
                    + " is invoiced with reverse charge (btw verlegd). Numbered in the year's gapless series"
                    + " (2026-000001). An order has one invoice: asking again answers it with 200. Publishes invoice.issued.")
    @APIResponse(responseCode = "201", description = "Issued now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceDtos.InvoiceView.class)))
    @APIResponse(responseCode = "200", description = "Issued before",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceDtos.InvoiceView.class)))
    @APIResponse(responseCode = "404", description = "No such order of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The account lacks a name or address (type billing-details-incomplete)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "identity-service or the VAT number check cannot answer now; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issueInvoice(@PathParam("id") UUID id) {
        InvoiceIssuer.Issued issued = invoices.issue(customer.require(), id);
        InvoiceDtos.InvoiceView view = InvoiceDtos.InvoiceView.of(issued.invoice());
        return issued.created()
                ? Response.created(URI.create("/api/v1/invoices/" + view.id())).entity(view).build()
                : Response.ok(view).build();
    }

    @POST
    @Path("/{id}/payments")
    @Operation(summary = "Pay the order",
            description = "Starts a payment at the provider of the method (IDEAL: Mollie; PAYPAL: PayPal) and answers the"
                    + " checkoutUrl to send the payer to. While a payment of the same method is still open, that one is"
                    + " answered (200) instead of a second. The provider receives the amount and the order number; the"
                    + " payment is recorded in the register of disclosures. Once paid, the order is marked paid and its"
                    + " invoice issued; payment.succeeded or payment.failed is published.")
    @APIResponse(responseCode = "201", description = "Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentDtos.PaymentView.class)))
    @APIResponse(responseCode = "200", description = "The open payment of this method",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentDtos.PaymentView.class)))
    @APIResponse(responseCode = "404", description = "No such order of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The order is paid already (type order-paid)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The provider cannot be reached; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pay(@PathParam("id") UUID id, @Valid @NotNull PaymentDtos.PaymentRequest request) {
        PaymentService.Started started = payments.start(customer.require(), id, request.method());
        PaymentDtos.PaymentView view = PaymentDtos.PaymentView.of(started.payment());
        return started.created()
                ? Response.created(URI.create("/api/v1/payments/" + view.id())).entity(view).build()
                : Response.ok(view).build();
    }
}
