package io.cloudpro.order.rest;

import io.cloudpro.order.service.QuotationService;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.time.Timestamps;
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
import java.time.LocalDate;
import java.util.UUID;

/** The caller's account's quotations; another account's quotation is a 404. */
@Path("/api/v1/quotations")
@Tag(name = "Quotations", description = "Priced offers valid 30 days; accepting one places its order")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class QuotationResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CurrentCustomer customer;
    private final QuotationService quotations;

    QuotationResource(CurrentCustomer customer, QuotationService quotations) {
        this.customer = customer;
        this.quotations = quotations;
    }

    @POST
    @Operation(summary = "Ask for a quotation", description = "Priced at today's prices, numbered Q<year>-nnnnnn,"
            + " valid through the 30th day after today. Publishes quotation.created. With an Idempotency-Key the same"
            + " key and body give the same quotation; the same key with another body is a 422.")
    @APIResponse(responseCode = "201", description = "The quotation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.QuotationView.class)))
    @APIResponse(responseCode = "422", description = "A product is not offered (type product-unavailable), or the"
            + " key was used with another body (type idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull OrderDtos.LinesRequest request,
                           @Parameter(description = "Any unique string per intended quotation, e.g. a UUID", example = "7f8c1e2a-quote-1")
                           @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        OrderDtos.QuotationView view = view(quotations.create(customer.require(), request.toDomain(), idempotencyKey));
        return Response.created(URI.create("/api/v1/quotations/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "My account's quotations", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "One page of quotations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    public Page<OrderDtos.QuotationView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return quotations.list(customer.require(), page, size).map(this::view);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my account's quotations")
    @APIResponse(responseCode = "200", description = "The quotation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.QuotationView.class)))
    @APIResponse(responseCode = "404", description = "No such quotation of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderDtos.QuotationView get(@PathParam("id") UUID id) {
        return view(quotations.get(customer.require(), id));
    }

    @POST
    @Path("/{id}/accept")
    @Operation(summary = "Accept a quotation", description = "Places the order at the quoted prices and publishes"
            + " quotation.accepted and order.placed - once: accepting again answers 200 with the same order.")
    @APIResponse(responseCode = "201", description = "The order placed now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.OrderView.class)))
    @APIResponse(responseCode = "200", description = "Accepted before: the order it placed then",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.OrderView.class)))
    @APIResponse(responseCode = "404", description = "No such quotation of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Past its last valid day (type quotation-expired)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(@PathParam("id") UUID id) {
        QuotationService.Accepted accepted = quotations.accept(customer.require(), id);
        OrderDtos.OrderView order = OrderDtos.OrderView.of(accepted.order());
        return accepted.placedNow()
                ? Response.created(URI.create("/api/v1/orders/" + order.id())).entity(order).build()
                : Response.ok(order).build();
    }

    private OrderDtos.QuotationView view(io.cloudpro.order.domain.Quotation quotation) {
        return OrderDtos.QuotationView.of(quotation, LocalDate.ofInstant(Timestamps.now(), QuotationService.ZONE));
    }
}
