package io.cloudpro.order.service;

import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.OrderStatus;
import io.cloudpro.order.domain.Payment;
import io.cloudpro.order.domain.PaymentMethod;
import io.cloudpro.order.domain.PaymentStatus;
import io.cloudpro.order.domain.PaymentTransaction;
import io.cloudpro.order.messaging.OrderEvents;
import io.cloudpro.order.repository.OrderRepository;
import io.cloudpro.order.repository.PaymentRepository;
import io.cloudpro.platform.privacy.Disclosures;
import io.cloudpro.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The transactions of payments: short, and never around a call to a provider. A payment's row is
 * locked while its news is applied, so a webhook and a scheduled check that arrive together apply
 * it once; the order is marked paid by a conditional update, so it happens once whatever arrives twice.
 */
@ApplicationScoped
public class PaymentRecorder {

    static final String PAYMENTS = "order.payments";
    /** Asked again after 1, 2, 4, 8, 15 minutes, then every 30 - iDEAL sessions last 15 minutes. */
    private static final List<Duration> CHECKS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
            Duration.ofMinutes(8), Duration.ofMinutes(15));
    private static final Duration LATER_CHECKS = Duration.ofMinutes(30);
    /** Not final after two days: the provider has lost it, or we have; a person looks. */
    private static final Duration GIVE_UP = Duration.ofDays(2);

    private final PaymentRepository payments;
    private final OrderRepository orders;
    private final OrderEvents events;
    private final Disclosures disclosures;
    private final DomainRecorder domains;

    PaymentRecorder(PaymentRepository payments, OrderRepository orders, OrderEvents events, Disclosures disclosures,
                    DomainRecorder domains) {
        this.payments = payments;
        this.orders = orders;
        this.events = events;
        this.disclosures = disclosures;
        this.domains = domains;
    }

    /** A payment the payer can still complete, or a new one waiting for the provider's answer. */
    record Opened(Payment payment, boolean existing) {
    }

    @Transactional
    Opened open(UUID accountId, UUID orderId, PaymentMethod method, Instant now) {
        CustomerOrder order = orders.ofAccount(orderId, accountId).orElseThrow(() -> ProblemException.notFound("order"));
        if (order.status == OrderStatus.PAID) {
            throw new ProblemException(OrderProblems.ORDER_PAID, "Order " + order.number + " is paid already.");
        }
        var unfinished = payments.unfinished(orderId, method);
        if (unfinished.isPresent()) {
            return new Opened(unfinished.get(), true);
        }
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.accountId = accountId;
        payment.orderId = orderId;
        payment.method = method;
        payment.provider = method.provider();
        payment.status = PaymentStatus.OPEN;
        payment.amountCents = order.grossCents;
        payment.createdAt = now;
        payment.updatedAt = now;
        payments.persist(payment);
        return new Opened(payment, false);
    }

    /** The provider accepted the payment: keep its reference, and publish the disclosure of what it was sent. */
    @Transactional
    Payment started(UUID paymentId, PaymentGateway.Started started, String orderNumber, Instant now) {
        Payment payment = payments.locked(paymentId).orElseThrow();
        payment.providerReference = started.reference();
        payment.checkoutUrl = started.checkoutUrl();
        payment.updatedAt = now;
        payment.nextCheckAt = now.plus(CHECKS.get(0));
        transaction(payment, PaymentStatus.OPEN, PaymentTransaction.Source.START, "at " + payment.provider.legalName(), now);
        disclosures.publish(payment.accountId, payment.provider.legalName(), List.of(PAYMENTS),
                List.of("amount", "order number", "return address"), "contract: art. 6(1)(b) GDPR",
                payment.provider.name().toLowerCase() + ":" + started.reference(), now);
        return payment;
    }

    /** The provider could not be reached to start it: the payment failed before it began. */
    @Transactional
    void notStarted(UUID paymentId, String why, Instant now) {
        Payment payment = payments.locked(paymentId).orElseThrow();
        change(payment, PaymentStatus.FAILED, PaymentTransaction.Source.START, why, now);
    }

    /** What applying the provider's word did; a paid order's domain registrations were requested with it. */
    record Applied(Payment payment, boolean paidNow, List<UUID> registrations) {
    }

    /** Applies what the provider says a payment's status is; nothing changes a final status. */
    @Transactional
    Applied apply(UUID paymentId, PaymentGateway.State state, PaymentTransaction.Source source, Instant now) {
        Payment payment = payments.locked(paymentId).orElseThrow();
        if (payment.status.isFinal()) {
            payment.nextCheckAt = null;
            return new Applied(payment, false, List.of());
        }
        if (state.status() == payment.status || state.status() == PaymentStatus.UNKNOWN) {
            reschedule(payment, now);
            return new Applied(payment, false, List.of());
        }
        boolean paidNow = state.status() == PaymentStatus.PAID;
        if (paidNow) {
            payment.paidAt = now;
            payment.maskedAccount = state.maskedAccount();
        }
        change(payment, state.status(), source, "provider status " + state.providerStatus(), now);
        List<UUID> registrations = List.of();
        if (paidNow) {
            orders.markPaid(payment.orderId, now);
            events.paymentSucceeded(new OrderEvents.PaymentSucceeded(payment.id, payment.accountId, payment.orderId,
                    payment.provider.name(), payment.method.name(), now));
            // in this transaction: should the process stop right after it, the registrar's schedule still finds them
            registrations = domains.requestFor(payment.orderId, now);
        } else if (payment.status.isFinal()) {
            events.paymentFailed(new OrderEvents.PaymentFailed(payment.id, payment.accountId, payment.orderId,
                    payment.provider.name(), payment.method.name(), payment.status.name(), now));
        }
        return new Applied(payment, paidNow, registrations);
    }

    /** The provider could not be asked now: ask later, and give up (UNKNOWN) after two days. */
    @Transactional
    void unanswered(UUID paymentId, Instant now) {
        Payment payment = payments.locked(paymentId).orElseThrow();
        if (!payment.status.isFinal()) {
            reschedule(payment, now);
        }
    }

    @Transactional
    boolean firstDelivery(io.cloudpro.order.domain.PaymentProvider provider, String eventId, Instant now) {
        return payments.firstDelivery(provider, eventId, now);
    }

    private void reschedule(Payment payment, Instant now) {
        payment.checks++;
        if (payment.createdAt.plus(GIVE_UP).isBefore(now)) {
            change(payment, PaymentStatus.UNKNOWN, PaymentTransaction.Source.CHECK, "no final status after " + GIVE_UP.toDays()
                    + " days", now);
            payment.nextCheckAt = null;
            return;
        }
        payment.nextCheckAt = now.plus(payment.checks < CHECKS.size() ? CHECKS.get(payment.checks) : LATER_CHECKS);
    }

    private void change(Payment payment, PaymentStatus to, PaymentTransaction.Source source, String detail, Instant now) {
        if (payment.status != to) {
            transaction(payment, to, source, detail, now);
            payment.status = to;
        }
        payment.updatedAt = now;
        if (to.isFinal()) {
            payment.nextCheckAt = null;
        }
    }

    private void transaction(Payment payment, PaymentStatus to, PaymentTransaction.Source source, String detail, Instant now) {
        PaymentTransaction transaction = new PaymentTransaction();
        transaction.id = UUID.randomUUID();
        transaction.paymentId = payment.id;
        transaction.at = now;
        transaction.fromStatus = payment.status;
        transaction.toStatus = to;
        transaction.source = source;
        transaction.detail = detail;
        payments.record(transaction);
    }
}
