package io.cloudpro.order.messaging;

import io.cloudpro.platform.events.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The events order-service publishes on {@value #TOPIC}, documented in
 * {@code src/main/asyncapi/order-events.yaml}. Payloads carry ids, numbers and dates - no names,
 * addresses or amounts: a consumer that needs more asks the service. Keyed by the account.
 */
@ApplicationScoped
public class OrderEvents {

    public static final String TOPIC = "orders.events";
    private static final String PREFIX = "io.cloudpro.order.";

    public static final String QUOTATION_CREATED = PREFIX + "quotation.created.v1";
    public static final String QUOTATION_ACCEPTED = PREFIX + "quotation.accepted.v1";
    public static final String ORDER_PLACED = PREFIX + "order.placed.v1";
    public static final String INVOICE_ISSUED = PREFIX + "invoice.issued.v1";
    public static final String CREDIT_NOTE_ISSUED = PREFIX + "credit-note.issued.v1";
    public static final String PAYMENT_SUCCEEDED = PREFIX + "payment.succeeded.v1";
    public static final String PAYMENT_FAILED = PREFIX + "payment.failed.v1";
    public static final String DOMAIN_REGISTERED = PREFIX + "domain.registered.v1";

    /** {@code validUntil} is the last day it can be accepted; after it the quotation lapses. */
    public record QuotationCreated(UUID quotationId, UUID accountId, String number, LocalDate validUntil, Instant createdAt) {
    }

    public record QuotationAccepted(UUID quotationId, UUID accountId, UUID orderId, Instant acceptedAt) {
    }

    /** {@code quotationId} is null for an order placed directly. */
    public record OrderPlaced(UUID orderId, UUID accountId, String number, UUID quotationId, Instant placedAt) {
    }

    /**
     * {@code fiscalYearEnd} is the last day of the invoice's fiscal year: tax law keeps it for seven
     * years from the day after (AWR art. 52) - the retention clock it starts.
     */
    public record InvoiceIssued(UUID invoiceId, UUID accountId, UUID orderId, String number, LocalDate issueDate,
                                LocalDate fiscalYearEnd, Instant issuedAt) {
    }

    /** A correction of {@code invoiceId}; its retention clock starts as an invoice's does. */
    public record CreditNoteIssued(UUID creditNoteId, UUID accountId, UUID invoiceId, String number, LocalDate issueDate,
                                   LocalDate fiscalYearEnd, Instant issuedAt) {
    }

    /** The order is paid; published once per payment that succeeded. */
    public record PaymentSucceeded(UUID paymentId, UUID accountId, UUID orderId, String provider, String method, Instant paidAt) {
    }

    /** {@code status}: FAILED, CANCELED or EXPIRED - the order waits for another payment. */
    public record PaymentFailed(UUID paymentId, UUID accountId, UUID orderId, String provider, String method, String status,
                                Instant at) {
    }

    /** No domain name: it may name a person. {@code whoisPublished}: the registry shows registrant data publicly. */
    public record DomainRegistered(UUID registrationId, UUID accountId, UUID orderId, String registry, boolean whoisPublished,
                                   Instant registeredAt) {
    }

    private final EventOutbox outbox;

    OrderEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public void quotationCreated(QuotationCreated event) {
        outbox.publish(TOPIC, QUOTATION_CREATED, event.accountId().toString(), event);
    }

    public void quotationAccepted(QuotationAccepted event) {
        outbox.publish(TOPIC, QUOTATION_ACCEPTED, event.accountId().toString(), event);
    }

    public void orderPlaced(OrderPlaced event) {
        outbox.publish(TOPIC, ORDER_PLACED, event.accountId().toString(), event);
    }

    public void invoiceIssued(InvoiceIssued event) {
        outbox.publish(TOPIC, INVOICE_ISSUED, event.accountId().toString(), event);
    }

    public void paymentSucceeded(PaymentSucceeded event) {
        outbox.publish(TOPIC, PAYMENT_SUCCEEDED, event.accountId().toString(), event);
    }

    public void paymentFailed(PaymentFailed event) {
        outbox.publish(TOPIC, PAYMENT_FAILED, event.accountId().toString(), event);
    }

    public void domainRegistered(DomainRegistered event) {
        outbox.publish(TOPIC, DOMAIN_REGISTERED, event.accountId().toString(), event);
    }

    public void creditNoteIssued(CreditNoteIssued event) {
        outbox.publish(TOPIC, CREDIT_NOTE_ISSUED, event.accountId().toString(), event);
    }
}
