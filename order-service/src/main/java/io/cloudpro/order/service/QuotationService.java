package io.cloudpro.order.service;

import io.cloudpro.order.domain.Customer;
import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.ProductQuantity;
import io.cloudpro.order.domain.Quotation;
import io.cloudpro.order.domain.QuotationStatus;
import io.cloudpro.order.domain.Totals;
import io.cloudpro.order.messaging.OrderEvents;
import io.cloudpro.order.repository.NumberSeriesRepository;
import io.cloudpro.order.repository.QuotationRepository;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Quotations: priced at creation, valid 30 days (through the 30th day after the day of creation,
 * Amsterdam time), numbered per year ({@code Q2026-000001}); accepting one places its order exactly
 * once - a repeated accept gets the same order.
 */
@ApplicationScoped
public class QuotationService {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final int VALID_DAYS = 30;

    private final QuotationRepository quotations;
    private final NumberSeriesRepository numbers;
    private final Pricing pricing;
    private final OrderService orders;
    private final Idempotency idempotency;
    private final OrderEvents events;

    QuotationService(QuotationRepository quotations, NumberSeriesRepository numbers, Pricing pricing, OrderService orders,
                     Idempotency idempotency, OrderEvents events) {
        this.quotations = quotations;
        this.numbers = numbers;
        this.pricing = pricing;
        this.orders = orders;
        this.idempotency = idempotency;
        this.events = events;
    }

    @Transactional
    public Quotation create(Customer customer, List<ProductQuantity> requested, String idempotencyKey) {
        return idempotency.once(customer, "quotation.create", idempotencyKey, requested, id -> {
            Instant now = Timestamps.now();
            List<Line> lines = pricing.lines(requested);
            Totals totals = Totals.of(lines);
            LocalDate today = LocalDate.ofInstant(now, ZONE);
            Quotation quotation = new Quotation();
            quotation.id = id;
            quotation.number = number("Q", today, numbers);
            quotation.accountId = customer.accountId();
            quotation.createdBy = customer.loginId();
            quotation.status = QuotationStatus.OPEN;
            quotation.createdAt = now;
            quotation.validUntil = today.plusDays(VALID_DAYS);
            quotation.netCents = totals.netCents();
            quotation.vatCents = totals.vatCents();
            quotation.grossCents = totals.grossCents();
            quotation.lines.addAll(lines);
            quotations.persist(quotation);
            events.quotationCreated(new OrderEvents.QuotationCreated(quotation.id, quotation.accountId, quotation.number,
                    quotation.validUntil, now));
            return quotation;
        }, id -> get(customer, id));
    }

    @Transactional
    public Quotation get(Customer customer, UUID id) {
        return quotations.ofAccount(id, customer.accountId()).orElseThrow(() -> ProblemException.notFound("quotation"));
    }

    @Transactional
    public Page<Quotation> list(Customer customer, int page, int size) {
        return new Page<>(quotations.page(customer.accountId(), page, size), page, size, quotations.countOf(customer.accountId()));
    }

    /** The order the quotation placed, and whether this call placed it. */
    public record Accepted(CustomerOrder order, boolean placedNow) {
    }

    /** Places the quotation's order at its quoted prices; once - the quotation row is locked while this runs. */
    @Transactional
    public Accepted accept(Customer customer, UUID id) {
        Quotation quotation = quotations.lockOfAccount(id, customer.accountId())
                .orElseThrow(() -> ProblemException.notFound("quotation"));
        if (quotation.status == QuotationStatus.ACCEPTED) {
            return new Accepted(orders.get(customer, quotation.orderId), false);
        }
        Instant now = Timestamps.now();
        if (!quotation.acceptableOn(LocalDate.ofInstant(now, ZONE))) {
            throw new ProblemException(OrderProblems.QUOTATION_EXPIRED, "Quotation " + quotation.number
                    + " was valid until " + quotation.validUntil + "; ask for a new one.");
        }
        CustomerOrder order = orders.placeFromQuotation(customer, quotation, now);
        quotation.status = QuotationStatus.ACCEPTED;
        quotation.orderId = order.id;
        quotation.acceptedAt = now;
        events.quotationAccepted(new OrderEvents.QuotationAccepted(quotation.id, quotation.accountId, order.id, now));
        return new Accepted(order, true);
    }

    /** The next number of the prefix's series for the year, e.g. Q2026-000001. */
    static String number(String prefix, LocalDate today, NumberSeriesRepository numbers) {
        String series = prefix + today.getYear();
        return String.format("%s-%06d", series, numbers.next(series));
    }
}
