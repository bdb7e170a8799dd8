package io.cloudpro.order.service;

import io.cloudpro.order.domain.Customer;
import io.cloudpro.order.domain.DocumentFormat;
import io.cloudpro.order.domain.Invoice;
import io.cloudpro.order.domain.InvoiceDocument;
import io.cloudpro.order.repository.InvoiceRepository;
import io.cloudpro.order.repository.OrderRepository;
import io.cloudpro.platform.client.ServiceCallException;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Invoices and credit notes of an account. Issuing asks identity-service for the buyer's details and
 * VIES about an EU business's VAT number first, outside any transaction; then {@link InvoiceIssuer}
 * writes the invoice and takes its number in one short transaction; then the documents are rendered.
 */
@ApplicationScoped
public class InvoiceService {

    private static final Logger LOG = Logger.getLogger(InvoiceService.class);
    /** Member states by the prefix of their VAT numbers (Greece: EL); Northern Ireland's XI counts for goods only. */
    private static final Set<String> EU_VAT_PREFIXES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL",
            "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK");
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final InvoiceRepository invoices;
    private final OrderRepository orders;
    private final InvoiceIssuer issuer;
    private final InvoiceDocuments documents;
    private final BillingDirectory billing;
    private final VatNumberCheck vatNumbers;

    InvoiceService(InvoiceRepository invoices, OrderRepository orders, InvoiceIssuer issuer, InvoiceDocuments documents,
                   BillingDirectory billing, VatNumberCheck vatNumbers) {
        this.invoices = invoices;
        this.orders = orders;
        this.issuer = issuer;
        this.documents = documents;
        this.billing = billing;
        this.vatNumbers = vatNumbers;
    }

    /** Issues the invoice of one of the customer's orders, or returns the one issued before. */
    public InvoiceIssuer.Issued issue(Customer customer, UUID orderId) {
        return issue(customer.accountId(), orderId);
    }

    /** The same for the platform itself, e.g. once an order is paid. */
    public InvoiceIssuer.Issued issue(UUID accountId, UUID orderId) {
        Invoice existing = existingInvoice(accountId, orderId);
        if (existing != null) {
            return new InvoiceIssuer.Issued(existing, false);
        }
        InvoiceIssuer.Issued issued = issuer.issue(accountId, orderId, buyer(accountId), Timestamps.now());
        if (issued.created()) {
            renderQuietly(issued.invoice().id);
        }
        return issued;
    }

    /** A credit note for the invoice (staff): all of it, or the lines and quantities given; once per Idempotency-Key. */
    public Invoice creditNote(UUID staffId, String idempotencyKey, UUID invoiceId, String reason,
                              List<InvoiceIssuer.CreditedLine> lines) {
        Invoice note = issuer.creditNote(staffId, idempotencyKey, invoiceId, reason, lines, Timestamps.now());
        renderQuietly(note.id);
        return note;
    }

    @Transactional
    public Invoice get(Customer customer, UUID id) {
        return invoices.ofAccount(id, customer.accountId()).orElseThrow(() -> ProblemException.notFound("invoice"));
    }

    @Transactional
    public Page<Invoice> list(Customer customer, int page, int size) {
        return new Page<>(invoices.page(customer.accountId(), page, size), page, size, invoices.countOf(customer.accountId()));
    }

    /** The invoice's document exactly as issued (rendered now if that had not happened yet). */
    public InvoiceDocument document(Customer customer, UUID id, DocumentFormat format) {
        Invoice invoice = get(customer, id);
        return documents.kept(invoice.id, format);
    }

    @Transactional
    Invoice existingInvoice(UUID accountId, UUID orderId) {
        orders.ofAccount(orderId, accountId).orElseThrow(() -> ProblemException.notFound("order"));
        return invoices.invoiceOfOrder(orderId).orElse(null);
    }

    /** The buyer's details as identity-service has them now, and whether reverse charge applies. */
    private InvoiceIssuer.Buyer buyer(UUID accountId) {
        BillingDirectory.BillingDetails details;
        try {
            details = billing.of(accountId).orElseThrow(() -> new ProblemException(OrderProblems.BILLING_DETAILS_INCOMPLETE,
                    "The account's name and address are not known; an invoice cannot be issued."));
        } catch (ServiceCallException e) {
            LOG.warnf("billing details of account %s unavailable: %s", accountId, e.getMessage());
            throw ProblemException.retryLater(OrderProblems.BILLING_DETAILS_UNAVAILABLE,
                    "The customer's billing details cannot be read right now; try again shortly.", RETRY_AFTER);
        }
        BillingDirectory.Company company = details.company();
        BillingDirectory.Address address = company != null && complete(company.address()) ? company.address() : details.address();
        if (details.name() == null || details.name().isBlank() || !complete(address)) {
            throw new ProblemException(OrderProblems.BILLING_DETAILS_INCOMPLETE,
                    "An invoice needs the customer's name and full address: add them to the account first.");
        }
        String vatId = company == null || company.vatId() == null ? null : company.vatId().replace(" ", "").toUpperCase();
        boolean reverseCharge = false;
        String consultation = null;
        if (vatId != null && EU_VAT_PREFIXES.contains(vatId.substring(0, 2))) {
            try {
                VatNumberCheck.Result result = vatNumbers.check(vatId.substring(0, 2), vatId.substring(2));
                reverseCharge = result.valid();
                // the consultation number is the proof reverse charge was allowed; a refused number needs none
                consultation = result.valid() ? result.consultation() : null;
            } catch (VatNumberCheck.UnavailableException e) {
                LOG.warnf("VAT number of account %s could not be checked: %s", accountId, e.getMessage());
                throw ProblemException.retryLater(OrderProblems.VAT_CHECK_UNAVAILABLE,
                        "The EU VAT number check (VIES) cannot confirm the customer's VAT number right now; try again shortly.",
                        RETRY_AFTER);
            }
        }
        return new InvoiceIssuer.Buyer(details.name(), address.street(), address.postalCode(), address.city(),
                address.country(), company == null ? null : company.name(), vatId,
                company == null ? null : company.kvkNumber(), reverseCharge, consultation);
    }

    private static boolean complete(BillingDirectory.Address address) {
        return address != null && notBlank(address.street()) && notBlank(address.postalCode()) && notBlank(address.city())
                && notBlank(address.country());
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private void renderQuietly(UUID invoiceId) {
        try {
            documents.render(invoiceId);
        } catch (RuntimeException e) {
            // the invoice stands; the sweep renders its documents later
            LOG.errorf("documents of invoice %s not rendered yet: %s", invoiceId, e.toString());
        }
    }
}
