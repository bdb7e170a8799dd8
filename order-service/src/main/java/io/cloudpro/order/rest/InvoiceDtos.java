package io.cloudpro.order.rest;

import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.InvoiceKind;
import io.cloudpro.order.domain.InvoiceLine;
import io.cloudpro.order.domain.InvoiceVat;
import io.cloudpro.order.domain.TaxCategory;
import io.cloudpro.order.service.InvoiceIssuer;
import io.cloudpro.order.service.InvoiceSeriesCheck;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the invoice endpoints take and answer. Amounts are euro cents, positive on credit notes too. */
public final class InvoiceDtos {

    private InvoiceDtos() {
    }

    @Schema(name = "InvoiceParty", description = "A party as the invoice names it, copied when it was issued.")
    public record PartyView(@Schema(examples = "Jan Jansen") String name,
                            @Schema(description = "The business the invoice is addressed to, if any", examples = "Jansen Webdesign B.V.") String company,
                            @Schema(examples = "Dorpsstraat 1") String street, @Schema(examples = "1234 AB") String postalCode,
                            @Schema(examples = "Utrecht") String city, @Schema(examples = "NL") String country,
                            @Schema(examples = "NL123456789B01") String vatId, @Schema(examples = "12345678") String kvkNumber,
                            @Schema(description = "The seller's account for payments") String iban) {
    }

    @Schema(name = "InvoiceLineView")
    public record LineView(@Schema(examples = "Webhosting Basic (12 months)") String description, int quantity,
                           long unitPriceCents, TaxCategory tax, long netCents,
                           @Schema(description = "On a credit note: the line of the invoice it takes back") Integer correctsLine) {
        static LineView of(InvoiceLine line) {
            return new LineView(line.description, line.quantity, line.unitPriceCents, line.tax, line.netCents, line.correctsPosition);
        }
    }

    @Schema(name = "InvoiceVatView", description = "Per rate: the net total and the VAT on it, rounded half up per rate.")
    public record VatView(TaxCategory tax, @Schema(examples = "21") int percent, long netCents, long vatCents) {
        static VatView of(InvoiceVat vat) {
            return new VatView(vat.tax, vat.percent, vat.netCents, vat.vatCents);
        }
    }

    @Schema(name = "InvoiceView", description = "An issued invoice or credit note; it never changes.")
    public record InvoiceView(UUID id, InvoiceKind kind, @Schema(examples = "2026-000042") String number,
                              UUID orderId, @Schema(examples = "O2026-000042") String orderNumber,
                              @Schema(description = "Credit note: the invoice it corrects") UUID correctsInvoiceId,
                              @Schema(examples = "2026-000042") String correctsNumber,
                              @Schema(description = "Credit note: why") String reason,
                              Instant issuedAt, LocalDate issueDate, LocalDate supplyDate, LocalDate dueDate,
                              @Schema(description = "Kept until 7 years after this day (AWR art. 52)") LocalDate fiscalYearEnd,
                              PartyView seller, PartyView buyer,
                              @Schema(description = "btw verlegd: the EU business customer accounts for the VAT") boolean reverseCharge,
                              @Schema(description = "VIES' consultation number of the buyer's VAT number check") String vatCheckReference,
                              List<LineView> lines, List<VatView> vat, long netCents, long vatCents, long grossCents,
                              @Schema(description = "The PDF, as issued") String pdf,
                              @Schema(description = "The UBL 2.1 e-invoice (Peppol BIS Billing 3.0, NLCIUS), as issued") String ubl) {
        static InvoiceView of(Invoice i) {
            String self = "/api/v1/invoices/" + i.id;
            return new InvoiceView(i.id, i.kind, i.number, i.orderId, i.orderNumber, i.correctsInvoiceId, i.correctsNumber,
                    i.creditReason, i.issuedAt, i.issueDate, i.supplyDate, i.dueDate, i.fiscalYearEnd,
                    new PartyView(i.sellerName, null, i.sellerStreet, i.sellerPostalCode, i.sellerCity, i.sellerCountry,
                            i.sellerVatId, i.sellerKvkNumber, i.sellerIban),
                    new PartyView(i.buyerName, i.buyerCompany, i.buyerStreet, i.buyerPostalCode, i.buyerCity, i.buyerCountry,
                            i.buyerVatId, i.buyerKvkNumber, null),
                    i.reverseCharge, i.vatCheckReference, i.lines.stream().map(LineView::of).toList(),
                    i.vat.stream().map(VatView::of).toList(), i.netCents, i.vatCents, i.grossCents, self + "/pdf", self + "/ubl");
        }
    }

    @Schema(name = "CreditedLine", description = "Takes back `quantity` units of the invoice's line `line` (1-based).")
    public record CreditedLineRequest(@Min(1) @Max(1000) @Schema(examples = "1") int line,
                                      @Min(1) @Max(100_000) @Schema(examples = "1") int quantity) {
    }

    @Schema(name = "CreditNoteRequest", description = "Without lines the whole invoice is credited.")
    public record CreditNoteRequest(@NotBlank @Size(max = 500) @Schema(examples = "Hosting cancelled within the cooling-off period") String reason,
                                    @Size(max = 100) List<@Valid @NotNull CreditedLineRequest> lines) {
        List<InvoiceIssuer.CreditedLine> toDomain() {
            return lines == null ? List.of() : lines.stream().map(l -> new InvoiceIssuer.CreditedLine(l.line(), l.quantity())).toList();
        }
    }

    @Schema(name = "InvoiceSeriesReport", description = "Whether every number of every invoice and credit-note series is on exactly one document.")
    public record SeriesReportView(Instant checkedAt, long gaps, long duplicates, List<InvoiceSeriesCheck.SeriesReport> series) {
        static SeriesReportView of(InvoiceSeriesCheck.Report report) {
            return new SeriesReportView(report.checkedAt(), report.gaps(), report.duplicates(), report.series());
        }
    }
}
