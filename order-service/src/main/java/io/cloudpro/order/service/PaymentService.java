package io.cloudpro.order.service;

import io.cloudpro.order.domain.Customer;
import io.cloudpro.order.domain.Payment;
import io.cloudpro.order.domain.PaymentMethod;
import io.cloudpro.order.domain.PaymentProvider;
import io.cloudpro.order.domain.PaymentStatus;
import io.cloudpro.order.domain.PaymentTransaction;
import io.cloudpro.order.repository.OrderRepository;
import io.cloudpro.order.repository.PaymentRepository;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Payments of orders. Starting one: a row in one transaction, the provider's call outside any, the
 * provider's reference and the disclosure in a second. Afterwards the status changes only on what
 * the provider answers when asked - after a webhook (a hint, checked for its signature where the
 * provider signs), after the payer's return, or on the schedule for payments no webhook settled.
 * Once paid, the order is marked paid (once), its invoice is issued and its domains registered.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final PaymentRepository payments;
    private final OrderRepository orders;
    private final PaymentRecorder recorder;
    private final InvoiceService invoices;
    private final DomainService domains;
    private final Map<PaymentProvider, PaymentGateway> gateways = new EnumMap<>(PaymentProvider.class);
    private final String returnUrl;
    private final String webhookBaseUrl;

    PaymentService(PaymentRepository payments, OrderRepository orders, PaymentRecorder recorder, InvoiceService invoices,
                   DomainService domains, Instance<PaymentGateway> gateways, @ConfigProperty(name = "order.payments.return-url") String returnUrl,
                   @ConfigProperty(name = "order.payments.webhook-base-url") String webhookBaseUrl) {
        this.payments = payments;
        this.orders = orders;
        this.recorder = recorder;
        this.invoices = invoices;
        this.domains = domains;
        gateways.forEach(gateway -> this.gateways.put(gateway.provider(), gateway));
        this.returnUrl = returnUrl.replaceAll("/+$", "");
        this.webhookBaseUrl = webhookBaseUrl.replaceAll("/+$", "");
    }

    /** A payment and whether this call started it (false: an unfinished one of the same method was handed back). */
    public record Started(Payment payment, boolean created) {
    }

    /** Starts paying one of the customer's orders, or hands back the payment of this method still open. */
    public Started start(Customer customer, UUID orderId, PaymentMethod method) {
        PaymentRecorder.Opened opened = recorder.open(customer.accountId(), orderId, method, Timestamps.now());
        if (opened.existing()) {
            return new Started(opened.payment(), false);
        }
        Payment payment = opened.payment();
        String orderNumber = orderNumber(orderId);
        PaymentGateway.Started started;
        try {
            started = gateways.get(method.provider()).start(new PaymentGateway.Start(payment.id, payment.amountCents,
                    "cloudpro.io order " + orderNumber, returnUrl + "/" + payment.id,
                    webhookBaseUrl + "/api/v1/payments/webhooks/" + method.provider().name().toLowerCase()));
        } catch (PaymentGateway.UnavailableException e) {
            LOG.warnf("payment %s not started: %s", payment.id, e.getMessage());
            recorder.notStarted(payment.id, e.getMessage(), Timestamps.now());
            throw ProblemException.retryLater(OrderProblems.PAYMENT_PROVIDER_UNAVAILABLE,
                    payment.provider.legalName() + " cannot take the payment right now; try again shortly.", RETRY_AFTER);
        }
        return new Started(recorder.started(payment.id, started, orderNumber, Timestamps.now()), true);
    }

    /** Mollie's webhook: only an id. Whatever it says, the status is read from Mollie; an unknown id changes nothing. */
    public void mollieWebhook(String reference) {
        if (reference == null || reference.isBlank()) {
            return;
        }
        findByReference(PaymentProvider.MOLLIE, reference).ifPresent(id -> refresh(id, PaymentTransaction.Source.WEBHOOK));
    }

    /** PayPal's webhook: refused unless its signature is PayPal's; handled once per event id; then the order is read back. */
    public void payPalWebhook(Map<String, String> headers, String body) {
        PaymentGateway.Webhook webhook = gateways.get(PaymentProvider.PAYPAL).verify(headers, body)
                .orElseThrow(() -> new ProblemException(OrderProblems.WEBHOOK_NOT_AUTHENTIC,
                        "The webhook's signature is not PayPal's."));
        if (!recorder.firstDelivery(PaymentProvider.PAYPAL, webhook.eventId(), Timestamps.now())) {
            LOG.infof("PayPal webhook %s delivered again; handled before", webhook.eventId());
            return;
        }
        if (webhook.reference() != null) {
            findByReference(PaymentProvider.PAYPAL, webhook.reference())
                    .ifPresent(id -> refresh(id, PaymentTransaction.Source.WEBHOOK));
        }
    }

    /** The payer came back from the provider's page: ask the provider now rather than wait for the webhook. */
    public Payment returned(UUID paymentId) {
        refresh(paymentId, PaymentTransaction.Source.RETURN);
        return find(paymentId);
    }

    @Transactional
    public Payment get(Customer customer, UUID id) {
        return payments.ofAccount(id, customer.accountId()).orElseThrow(() -> ProblemException.notFound("payment"));
    }

    @Transactional
    public List<PaymentTransaction> transactions(Customer customer, UUID id) {
        return payments.transactionsOf(get(customer, id).id);
    }

    @Transactional
    public Page<Payment> list(Customer customer, int page, int size) {
        return new Page<>(payments.page(customer.accountId(), page, size), page, size, payments.countOf(customer.accountId()));
    }

    /** Payments no webhook settled: asked again on a schedule suited to iDEAL's 15-minute sessions. */
    @Scheduled(every = "${order.payments.check-interval:30s}", delayed = "${order.scheduler.first-run:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkUnsettled() {
        for (UUID id : due()) {
            refresh(id, PaymentTransaction.Source.CHECK);
        }
    }

    @Transactional
    List<UUID> due() {
        return payments.dueForCheck(Timestamps.now(), 100);
    }

    /** Reads the provider's status (capturing an approved PayPal order) and applies it; issues the invoice once paid. */
    void refresh(UUID paymentId, PaymentTransaction.Source source) {
        Payment payment = find(paymentId);
        if (payment == null || payment.providerReference == null || payment.status.isFinal()) {
            return;
        }
        PaymentGateway gateway = gateways.get(payment.provider);
        PaymentGateway.State state;
        try {
            state = gateway.state(payment.providerReference);
            if (state.status() == PaymentStatus.PENDING && payment.provider == PaymentProvider.PAYPAL) {
                state = gateway.capture(payment.providerReference); // approved by the payer: take the money
                source = PaymentTransaction.Source.CAPTURE;
            }
        } catch (PaymentGateway.UnavailableException e) {
            LOG.warnf("payment %s: %s; asked again later", paymentId, e.getMessage());
            recorder.unanswered(paymentId, Timestamps.now());
            return;
        }
        PaymentRecorder.Applied applied = recorder.apply(paymentId, state, source, Timestamps.now());
        if (applied.paidNow()) {
            paid(applied);
        }
    }

    /** What follows a payment, after its transaction: the invoice, and the order's domains to the registrar. */
    private void paid(PaymentRecorder.Applied applied) {
        Payment payment = applied.payment();
        try {
            invoices.issue(payment.accountId, payment.orderId);
        } catch (RuntimeException e) {
            // the order is paid either way; the customer (or support) issues the invoice when identity-service is back
            LOG.warnf("invoice of paid order %s not issued yet: %s", payment.orderId, e.getMessage());
        }
        applied.registrations().forEach(domains::work);
    }

    @Transactional
    Payment find(UUID id) {
        return payments.findById(id);
    }

    @Transactional
    Optional<UUID> findByReference(PaymentProvider provider, String reference) {
        return payments.byReference(provider, reference).map(p -> p.id);
    }

    @Transactional
    String orderNumber(UUID orderId) {
        return orders.findById(orderId).number;
    }
}
