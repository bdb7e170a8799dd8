package io.cloudpro.order.service;

import io.cloudpro.order.domain.Customer;
import io.cloudpro.order.domain.CustomerOrder;
import io.cloudpro.order.domain.Line;
import io.cloudpro.order.domain.OrderStatus;
import io.cloudpro.order.domain.ProductQuantity;
import io.cloudpro.order.domain.Quotation;
import io.cloudpro.order.domain.Totals;
import io.cloudpro.order.messaging.OrderEvents;
import io.cloudpro.order.repository.NumberSeriesRepository;
import io.cloudpro.order.repository.OrderRepository;
import io.cloudpro.platform.paging.Page;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Orders, placed directly at today's prices or from a quotation at its quoted prices; numbered per year ({@code O2026-000001}). */
@ApplicationScoped
public class OrderService {

    private final OrderRepository orders;
    private final NumberSeriesRepository numbers;
    private final Pricing pricing;
    private final Idempotency idempotency;
    private final OrderEvents events;

    OrderService(OrderRepository orders, NumberSeriesRepository numbers, Pricing pricing, Idempotency idempotency,
                 OrderEvents events) {
        this.orders = orders;
        this.numbers = numbers;
        this.pricing = pricing;
        this.idempotency = idempotency;
        this.events = events;
    }

    @Transactional
    public CustomerOrder place(Customer customer, List<ProductQuantity> requested, String idempotencyKey) {
        return idempotency.once(customer, "order.place", idempotencyKey, requested,
                id -> place(id, customer, pricing.lines(requested), null, Timestamps.now()), id -> get(customer, id));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    CustomerOrder placeFromQuotation(Customer customer, Quotation quotation, Instant now) {
        return place(UUID.randomUUID(), customer, quotation.lines.stream().map(Line::copy).toList(), quotation.id, now);
    }

    private CustomerOrder place(UUID id, Customer customer, List<Line> lines, UUID quotationId, Instant now) {
        Totals totals = Totals.of(lines);
        CustomerOrder order = new CustomerOrder();
        order.id = id;
        order.number = QuotationService.number("O", LocalDate.ofInstant(now, QuotationService.ZONE), numbers);
        order.accountId = customer.accountId();
        order.placedBy = customer.loginId();
        order.quotationId = quotationId;
        order.status = OrderStatus.PLACED;
        order.placedAt = now;
        order.netCents = totals.netCents();
        order.vatCents = totals.vatCents();
        order.grossCents = totals.grossCents();
        order.lines.addAll(lines);
        orders.insert(order);
        events.orderPlaced(new OrderEvents.OrderPlaced(order.id, order.accountId, order.number, quotationId, now));
        return order;
    }

    @Transactional
    public CustomerOrder get(Customer customer, UUID id) {
        return orders.ofAccount(id, customer.accountId()).orElseThrow(() -> ProblemException.notFound("order"));
    }

    @Transactional
    public Page<CustomerOrder> list(Customer customer, int page, int size) {
        return new Page<>(orders.page(customer.accountId(), page, size), page, size, orders.countOf(customer.accountId()));
    }
}
