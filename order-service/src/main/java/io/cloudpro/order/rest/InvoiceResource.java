package io.cloudpro.order.rest;

import io.cloudpro.order.domain.DocumentFormat;
import io.cloudpro.order.domain.InvoiceDocument;
import io.cloudpro.order.service.InvoiceSeriesCheck;
import io.cloudpro.order.service.InvoiceService;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/** The caller's account's invoices and credit notes, with their documents; staff issue credit notes. */
@Path("/api/v1/invoices")
@Tag(name = "Invoices", description = "Invoices and credit notes under Wet OB 1968 art. 35a: numbered without gaps, never changed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class InvoiceResource {

    private final CurrentCustomer customer;
    private final InvoiceService invoices;
    private final InvoiceSeriesCheck seriesCheck;
    private final JsonWebToken token;

    InvoiceResource(CurrentCustomer customer, InvoiceService invoices, InvoiceSeriesCheck seriesCheck, JsonWebToken token) {
        this.token = token;
        this.customer = customer;
        this.invoices = invoices;
        this.seriesCheck = seriesCheck;
    }

    @GET
    @Operation(summary = "My account's invoices and credit notes", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    public Page<InvoiceDtos.InvoiceView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return invoices.list(customer.require(), page, size).map(InvoiceDtos.InvoiceView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my account's invoices or credit notes")
    @APIResponse(responseCode = "200", description = "The invoice",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceDtos.InvoiceView.class)))
    @APIResponse(responseCode = "404", description = "No such invoice of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InvoiceDtos.InvoiceView get(@PathParam("id") UUID id) {
        return InvoiceDtos.InvoiceView.of(invoices.get(customer.require(), id));
    }

    @GET
    @Path("/{id}/pdf")
    @Produces({"application/pdf", Problem.MEDIA_TYPE})
    @Operation(summary = "The invoice as PDF", description = "Exactly the bytes issued; Repr-Digest carries their SHA-256 (RFC 9530).")
    @APIResponse(responseCode = "200", description = "The PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such invoice of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response pdf(@PathParam("id") UUID id) {
        return download(invoices.document(customer.require(), id, DocumentFormat.PDF), DocumentFormat.PDF);
    }

    @GET
    @Path("/{id}/ubl")
    @Produces({"application/xml", Problem.MEDIA_TYPE})
    @Operation(summary = "The invoice as UBL 2.1 e-invoice",
            description = "Peppol BIS Billing 3.0 with the Dutch rules (NLCIUS), for accounting software. Exactly the bytes"
                    + " issued; Repr-Digest carries their SHA-256 (RFC 9530).")
    @APIResponse(responseCode = "200", description = "The UBL document",
            content = @Content(mediaType = "application/xml", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such invoice of this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ubl(@PathParam("id") UUID id) {
        return download(invoices.document(customer.require(), id, DocumentFormat.UBL), DocumentFormat.UBL);
    }

    @POST
    @Path("/{id}/credit-notes")
    @RolesAllowed({Roles.ADMIN, Roles.SUPPORT})
    @Operation(summary = "Correct an invoice with a credit note (staff)",
            description = "An issued invoice is never changed: a credit note in its own series (C<year>-nnnnnn) takes back"
                    + " all of it, or the lines and quantities given, with a reason. Never more of a line than the invoice"
                    + " charged, counting earlier credit notes. With an Idempotency-Key the same key and body answer the"
                    + " same credit note; the same key with another body is a 422. Publishes credit-note.issued.")
    @APIResponse(responseCode = "201", description = "The credit note",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceDtos.InvoiceView.class)))
    @APIResponse(responseCode = "404", description = "No such invoice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "More would be credited than was invoiced (type not-creditable),"
            + " or the key was used with another body (type idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response creditNote(@PathParam("id") UUID id, @Valid @NotNull InvoiceDtos.CreditNoteRequest request,
                               @Parameter(description = "Any unique string per intended credit note, e.g. a UUID", example = "c3d1-credit-1")
                               @HeaderParam(QuotationResource.IDEMPOTENCY_KEY) String idempotencyKey) {
        UUID staffId = UUID.nameUUIDFromBytes(token.getSubject().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        InvoiceDtos.InvoiceView view = InvoiceDtos.InvoiceView.of(invoices.creditNote(staffId, idempotencyKey, id,
                request.reason(), request.toDomain()));
        return Response.created(URI.create("/api/v1/invoices/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/series-check")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Check the invoice and credit-note series for gaps (staff)",
            description = "Every number from 1 to the series' last must be on exactly one document. Also runs hourly and"
                    + " sets the order_invoice_series_gaps metric.")
    @APIResponse(responseCode = "200", description = "The result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InvoiceDtos.SeriesReportView.class)))
    public InvoiceDtos.SeriesReportView seriesCheck() {
        return InvoiceDtos.SeriesReportView.of(seriesCheck.check());
    }

    private static Response download(InvoiceDocument document, DocumentFormat format) {
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(document.sha256));
        return Response.ok(document.content, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"invoice-" + document.invoiceId + "." + format.extension() + "\"")
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .build();
    }
}
