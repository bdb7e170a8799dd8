package io.cloudpro.order.service;

import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.InvoiceKind;
import io.cloudpro.order.domain.InvoiceLine;
import io.cloudpro.order.domain.InvoiceVat;
import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.TaxCategory;
import io.cloudpro.order.messaging.OrderEvents;
import io.cloudpro.order.repository.InvoiceRepository;
import io.cloudpro.order.repository.NumberSeriesRepository;
import io.cloudpro.order.repository.OrderRepository;
import io.cloudpro.platform.config.CompanyDetails;
import io.cloudpro.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactions that issue invoices and credit notes. Everything that can wait or fail outside -
 * the buyer's details from identity-service, the VAT number check - is done before; here the number
 * is taken last, from a counter row that stays locked until the commit, so concurrent issuers queue
 * for a few milliseconds and a rollback (or a crash) gives the number back: no gap, no duplicate.
 */
@ApplicationScoped
public class InvoiceIssuer {

    private final OrderRepository orders;
    private final InvoiceRepository invoices;
    private final NumberSeriesRepository numbers;
    private final CompanyDetails company;
    private final OrderEvents events;
    private final int paymentDays;
    private final Idempotency idempotency;

    InvoiceIssuer(OrderRepository orders, InvoiceRepository invoices, NumberSeriesRepository numbers, CompanyDetails company,
                  OrderEvents events, @ConfigProperty(name = "order.invoice.payment-days") int paymentDays,
                  Idempotency idempotency) {
        this.idempotency = idempotency;
        this.orders = orders;
        this.invoices = invoices;
        this.numbers = numbers;
        this.company = company;
        this.events = events;
        this.paymentDays = paymentDays;
    }

    /** The buyer as the invoice will name them, and whether reverse charge applies (with VIES' consultation number). */
    record Buyer(String name, String street, String postalCode, String city, String country, String company,
                 String vatId, String kvkNumber, boolean reverseCharge, String vatCheckReference) {
    }

    /** An invoice and whether this call issued it (false: the order's invoice existed already). */
    public record Issued(Invoice invoice, boolean created) {
    }

    /** The order's invoice: issued now, or the one issued before (an order has one). */
    @Transactional
    Issued issue(UUID accountId, UUID orderId, Buyer buyer, Instant now) {
        // the order's row lock makes a second issuer of the same order wait, then find the first one's invoice
        CustomerOrder order = orders.findByIdOptional(orderId, LockModeType.PESSIMISTIC_WRITE)
                .filter(o -> o.accountId.equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("order"));
        Optional<Invoice> earlier = invoices.invoiceOfOrder(orderId);
        if (earlier.isPresent()) {
            return new Issued(earlier.get(), false);
        }
        LocalDate today = LocalDate.ofInstant(now, QuotationService.ZONE);
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.kind = InvoiceKind.INVOICE;
        invoice.accountId = accountId;
        invoice.orderId = orderId;
        invoice.orderNumber = order.number;
        invoice.issuedAt = now;
        invoice.issueDate = today;
        invoice.supplyDate = LocalDate.ofInstant(order.placedAt, QuotationService.ZONE);
        invoice.dueDate = today.plusDays(paymentDays);
        invoice.fiscalYearEnd = LocalDate.of(today.getYear(), 12, 31);
        seller(invoice);
        invoice.buyerName = buyer.name();
        invoice.buyerStreet = buyer.street();
        invoice.buyerPostalCode = buyer.postalCode();
        invoice.buyerCity = buyer.city();
        invoice.buyerCountry = buyer.country();
        invoice.buyerCompany = buyer.company();
        invoice.buyerVatId = buyer.vatId();
        invoice.buyerKvkNumber = buyer.kvkNumber();
        invoice.reverseCharge = buyer.reverseCharge();
        invoice.vatCheckReference = buyer.vatCheckReference();
        for (Line line : order.lines) {
            invoice.lines.add(InvoiceLine.of(line.description, line.quantity, line.unitPriceCents,
                    TaxCategory.of(line.vatRate, buyer.reverseCharge())));
        }
        totals(invoice);
        number(invoice, Integer.toString(today.getYear()));
        invoices.persist(invoice);
        events.invoiceIssued(new OrderEvents.InvoiceIssued(invoice.id, accountId, orderId, invoice.number,
                invoice.issueDate, invoice.fiscalYearEnd, now));
        return new Issued(invoice, true);
    }

    /** What a credit note takes back: {@code quantity} units of the invoice's line at {@code position} (1-based). */
    public record CreditedLine(int position, int quantity) {
    }

    /** What a credit-note request asked for: the same key with another of these is refused. */
    record CreditNoteRequest(UUID invoiceId, String reason, List<CreditedLine> lines) {
    }

    /**
     * A credit note correcting {@code invoiceId}: the same parties, the lines taken back (never more of
     * a line than the invoice charged, counting earlier credit notes), numbered in the credit-note series.
     * With an Idempotency-Key (per staff member) a repeated request answers the credit note it made.
     */
    @Transactional
    Invoice creditNote(UUID staffId, String idempotencyKey, UUID invoiceId, String reason, List<CreditedLine> credited,
                       Instant now) {
        return idempotency.once(new io.cloudpro.order.domain.Customer(staffId, staffId), "credit-note", idempotencyKey,
                new CreditNoteRequest(invoiceId, reason, credited),
                id -> creditNote(id, invoiceId, reason, credited, now), invoices::findById);
    }

    private Invoice creditNote(UUID id, UUID invoiceId, String reason, List<CreditedLine> credited, Instant now) {
        // a row lock (not a change) on the invoice queues concurrent corrections of the same invoice
        Invoice invoice = invoices.findByIdOptional(invoiceId, LockModeType.PESSIMISTIC_WRITE)
                .filter(i -> i.kind == InvoiceKind.INVOICE)
                .orElseThrow(() -> ProblemException.notFound("invoice"));
        List<Invoice> earlier = invoices.creditNotesOf(invoiceId);
        LocalDate today = LocalDate.ofInstant(now, QuotationService.ZONE);
        Invoice note = new Invoice();
        note.id = id;
        note.kind = InvoiceKind.CREDIT_NOTE;
        note.accountId = invoice.accountId;
        note.orderId = invoice.orderId;
        note.orderNumber = invoice.orderNumber;
        note.correctsInvoiceId = invoice.id;
        note.correctsNumber = invoice.number;
        note.creditReason = reason;
        note.issuedAt = now;
        note.issueDate = today;
        note.supplyDate = invoice.supplyDate;
        note.dueDate = today;
        note.fiscalYearEnd = LocalDate.of(today.getYear(), 12, 31);
        seller(note);
        note.buyerName = invoice.buyerName;
        note.buyerStreet = invoice.buyerStreet;
        note.buyerPostalCode = invoice.buyerPostalCode;
        note.buyerCity = invoice.buyerCity;
        note.buyerCountry = invoice.buyerCountry;
        note.buyerCompany = invoice.buyerCompany;
        note.buyerVatId = invoice.buyerVatId;
        note.buyerKvkNumber = invoice.buyerKvkNumber;
        note.reverseCharge = invoice.reverseCharge;
        note.vatCheckReference = invoice.vatCheckReference;
        List<CreditedLine> lines = credited.isEmpty() ? everything(invoice) : credited;
        for (CreditedLine take : lines) {
            if (take.position() < 1 || take.position() > invoice.lines.size()) {
                throw ProblemException.invalidField("lines", "invoice " + invoice.number + " has no line " + take.position());
            }
            InvoiceLine line = invoice.lines.get(take.position() - 1);
            int already = earlier.stream().flatMap(n -> n.lines.stream())
                    .filter(l -> l.correctsPosition != null && l.correctsPosition == take.position())
                    .mapToInt(l -> l.quantity).sum()
                    + note.lines.stream().filter(l -> l.correctsPosition == take.position()).mapToInt(l -> l.quantity).sum();
            if (already + take.quantity() > line.quantity) {
                throw new ProblemException(OrderProblems.NOT_CREDITABLE, "Line " + take.position() + " of invoice "
                        + invoice.number + " charged " + line.quantity + "; " + already + " already credited.");
            }
            InvoiceLine back = InvoiceLine.of(line.description, take.quantity(), line.unitPriceCents, line.tax);
            back.correctsPosition = take.position();
            note.lines.add(back);
        }
        totals(note);
        number(note, "C" + today.getYear());
        invoices.persist(note);
        events.creditNoteIssued(new OrderEvents.CreditNoteIssued(note.id, note.accountId, invoice.id, note.number,
                note.issueDate, note.fiscalYearEnd, now));
        return note;
    }

    private static List<CreditedLine> everything(Invoice invoice) {
        return java.util.stream.IntStream.range(0, invoice.lines.size())
                .mapToObj(i -> new CreditedLine(i + 1, invoice.lines.get(i).quantity)).toList();
    }

    private void seller(Invoice invoice) {
        invoice.sellerName = company.name();
        invoice.sellerStreet = company.street();
        invoice.sellerPostalCode = company.postalCode();
        invoice.sellerCity = company.city();
        invoice.sellerCountry = company.country();
        invoice.sellerVatId = company.vatId();
        invoice.sellerKvkNumber = company.kvkNumber();
        invoice.sellerIban = company.iban();
    }

    private static void totals(Invoice invoice) {
        invoice.vat.addAll(InvoiceVat.of(invoice.lines));
        invoice.netCents = invoice.vat.stream().mapToLong(v -> v.netCents).sum();
        invoice.vatCents = invoice.vat.stream().mapToLong(v -> v.vatCents).sum();
        invoice.grossCents = invoice.netCents + invoice.vatCents;
    }

    /** Takes the series' next number: the last statement before the commit, so the counter is locked briefly. */
    private void number(Invoice invoice, String series) {
        invoice.series = series;
        invoice.sequence = numbers.next(series);
        invoice.number = series + "-" + String.format("%06d", invoice.sequence);
    }
}
