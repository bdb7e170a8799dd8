package io.cloudpro.order.rest;

import io.cloudpro.order.service.ProductService;
import io.cloudpro.platform.problem.Problem;
import io.cloudpro.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The products customers can order; admins manage them. */
@Path("/api/v1/products")
@Tag(name = "Products", description = "Hosting plans, domain registrations and SSL certificates with their prices and VAT rates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final ProductService products;

    ProductResource(ProductService products) {
        this.products = products;
    }

    @GET
    @PermitAll
    @SecurityRequirements // public; an admin's token only adds ?all=true
    @Operation(summary = "The products on offer",
            description = "Prices exclude VAT, in euro cents. Admins may add ?all=true to see withdrawn products too.")
    @APIResponse(responseCode = "200", description = "The products, by SKU",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.ProductView.class, type = SchemaType.ARRAY)))
    public List<OrderDtos.ProductView> list(@QueryParam("all") @DefaultValue("false") boolean all, @Context SecurityContext security) {
        boolean includeInactive = all && security.isUserInRole(Roles.ADMIN);
        return products.list(includeInactive).stream().map(OrderDtos.ProductView::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a product")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.ProductView.class)))
    @APIResponse(responseCode = "409", description = "The SKU is in use (type sku-taken)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull OrderDtos.NewProduct product) {
        OrderDtos.ProductView view = OrderDtos.ProductView.of(products.create(product.toData()));
        return Response.created(URI.create("/api/v1/products/" + view.id())).entity(view).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a product", description = "Price, VAT rate, name or availability. Quotations and"
            + " orders keep the price and rate they were made with.")
    @APIResponse(responseCode = "200", description = "The product as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderDtos.ProductView.class)))
    @APIResponse(responseCode = "404", description = "No such product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderDtos.ProductView change(@PathParam("id") UUID id, @Valid @NotNull OrderDtos.ProductChange change) {
        return OrderDtos.ProductView.of(products.change(id, change.toData()));
    }
}
