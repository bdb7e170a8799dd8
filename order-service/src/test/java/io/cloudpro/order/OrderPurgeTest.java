package io.cloudpro.order;

import io.cloudpro.order.service.QuotationService;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.lines;
import static io.cloudpro.order.OrderClient.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention purges of order-service's rolling rules: invoices 7 years after the end of their fiscal
 * year (AWR art. 52) and not a day longer, and with them payments, refused domain registrations and
 * the orders nothing refers to any more; lapsed quotations after a year. Time moves by copying an
 * invoice into fiscal year 2017 and dating rows back, not by waiting.
 */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class OrderPurgeTest {

    @Inject
    DataSource database;

    @Test
    void invoicesGoSevenYearsAfterTheirFiscalYearEndedExceptHeldOnesAndTheReceiptSaysSo() throws SQLException {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        OrderClient.Customer held = customer();
        String current = invoice(customer, hosting);
        String old = copyIntoFiscalYear2017(current, order(customer, hosting));
        String heldOld = copyIntoFiscalYear2017(invoice(held, hosting), order(held, hosting));
        placeHold(held.accountId(), "order.invoices", "case 2026-52");

        Instant cutoff = ZonedDateTime.now(QuotationService.ZONE).minusYears(7).toInstant();
        JsonPath receipt = purge("order.invoices", cutoff);

        assertEquals(List.of("PURGED"), receipt.getList("categories.outcome"));
        assertTrue(receipt.getLong("categories[0].count") >= 1, receipt.prettify());
        assertEquals(List.of("case 2026-52"), receipt.getList("withheld.holdReference"));
        assertEquals(0, count("SELECT count(*) FROM invoice WHERE id = ?::uuid", old), "fiscal year 2017 is over 7 years ago");
        for (String table : List.of("invoice_line", "invoice_vat", "invoice_document")) {
            assertEquals(0, count("SELECT count(*) FROM " + table + " WHERE invoice_id = ?::uuid", old), table);
        }
        assertEquals(1, count("SELECT count(*) FROM invoice WHERE id = ?::uuid", current), "this year's invoice stays");
        assertEquals(1, count("SELECT count(*) FROM invoice WHERE id = ?::uuid", heldOld), "the held one stays");
        customer.call().get("/api/v1/invoices/" + old).then().statusCode(404);
        customer.call().get("/api/v1/invoices/" + current).then().statusCode(200);
    }

    @Test
    void quotationsThatLapsedOverAYearAgoGoOpenOnesStay() throws SQLException {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        String lapsed = customer.call().body(lines(hosting, 1)).post("/api/v1/quotations").then().statusCode(201)
                .extract().path("id");
        String open = customer.call().body(lines(hosting, 1)).post("/api/v1/quotations").then().statusCode(201)
                .extract().path("id");
        update("UPDATE quotation SET created_at = created_at - interval '2 years', valid_until = valid_until - interval '2 years'"
                + " WHERE id = ?::uuid", lapsed);

        JsonPath receipt = purge("order.quotations", ZonedDateTime.now(QuotationService.ZONE).minusYears(1).toInstant());

        assertTrue(receipt.getLong("categories[0].count") >= 1, receipt.prettify());
        customer.call().get("/api/v1/quotations/" + lapsed).then().statusCode(404);
        customer.call().get("/api/v1/quotations/" + open).then().statusCode(200);
        assertEquals(0, count("SELECT count(*) FROM quotation_line WHERE quotation_id = ?::uuid", lapsed));
    }

    @Test
    void ordersPaymentsAndRefusedDomainsGoSevenYearsAfterTheirFiscalYearOnceNothingKeptRefersToThem() throws SQLException {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        String lone = order(customer, hosting);
        String paid = order(customer, hosting);
        String invoiced = text("SELECT order_id::text FROM invoice WHERE id = ?::uuid", invoice(customer, hosting));
        for (String order : List.of(lone, paid, invoiced)) {
            update("UPDATE customer_order SET placed_at = '2017-06-01T10:00:00Z' WHERE id = ?::uuid", order);
        }
        // a payment of 2017 for one order, a registration the registry refused in 2017 for another
        String payment = UUID.randomUUID().toString();
        update("INSERT INTO payment (id, account_id, order_id, provider, method, status, amount_cents, created_at, updated_at)"
                + " SELECT '" + payment + "', account_id, id, 'MOLLIE', 'IDEAL', 'CANCELED', gross_cents, placed_at, placed_at"
                + " FROM customer_order WHERE id = ?::uuid", paid);
        update("INSERT INTO domain_registration (id, account_id, order_id, domain, status, requested_at, updated_at)"
                + " SELECT gen_random_uuid(), account_id, id, 'taken-" + payment.substring(0, 8) + ".nl', 'REFUSED', placed_at,"
                + " placed_at FROM customer_order WHERE id = ?::uuid", lone);
        Instant cutoff = ZonedDateTime.now(QuotationService.ZONE).minusYears(7).toInstant();

        // an order goes only once nothing kept refers to it any more
        purge("order.orders", cutoff);
        assertEquals(3, count("SELECT count(*) FROM customer_order WHERE id IN (?::uuid, '" + paid + "', '" + invoiced + "')", lone));

        assertTrue(purge("order.payments", cutoff).getLong("categories[0].count") >= 1);
        assertEquals(0, count("SELECT count(*) FROM payment WHERE id = ?::uuid", payment));
        assertTrue(purge("order.domain-registrations", cutoff).getLong("categories[0].count") >= 1);
        assertEquals(0, count("SELECT count(*) FROM domain_registration WHERE order_id = ?::uuid", lone));
        assertTrue(purge("order.orders", cutoff).getLong("categories[0].count") >= 2);
        assertEquals(0, count("SELECT count(*) FROM customer_order WHERE id = ?::uuid", lone));
        assertEquals(0, count("SELECT count(*) FROM order_line WHERE order_id = ?::uuid", lone));
        assertEquals(0, count("SELECT count(*) FROM customer_order WHERE id = ?::uuid", paid));
        assertEquals(1, count("SELECT count(*) FROM customer_order WHERE id = ?::uuid", invoiced),
                "this year's invoice still refers to it");
    }

    // --- helpers -------------------------------------------------------------------------------------

    static String order(OrderClient.Customer customer, String product) {
        return customer.call().body(lines(product, 1)).post("/api/v1/orders").then().statusCode(201).extract().path("id");
    }

    static String invoice(OrderClient.Customer customer, String product) {
        IdentityStub.get().person(customer.accountId(), "Priya Purge");
        return customer.call().post("/api/v1/orders/" + order(customer, product) + "/invoice").then().statusCode(201)
                .extract().path("id");
    }

    /**
     * An issued invoice cannot be changed, but one can be made as if issued in 2018 for fiscal year
     * 2017: a copy of a real one (with its lines, VAT rows and documents) under a new id and number,
     * for another order of the same account.
     */
    private String copyIntoFiscalYear2017(String invoiceId, String orderId) throws SQLException {
        String copy = UUID.randomUUID().toString();
        try (Connection connection = database.getConnection()) {
            execute(connection, """
                    INSERT INTO invoice SELECT (jsonb_populate_record(NULL::invoice, to_jsonb(i) || jsonb_build_object(
                        'id', ?::uuid, 'order_id', ?::uuid, 'number', 'T2017-' || ?, 'series', 'T2017-' || ?, 'sequence', 1,
                        'issue_date', '2017-12-20', 'supply_date', '2017-12-20', 'fiscal_year_end', '2017-12-31'))).*
                      FROM invoice i WHERE id = ?::uuid""", copy, orderId, copy, copy, invoiceId);
            for (String table : List.of("invoice_line", "invoice_vat", "invoice_document")) {
                execute(connection, "INSERT INTO " + table + " SELECT (jsonb_populate_record(NULL::" + table
                        + ", to_jsonb(t) || jsonb_build_object('invoice_id', ?::uuid))).* FROM " + table
                        + " t WHERE invoice_id = ?::uuid", copy, invoiceId);
            }
        }
        return copy;
    }

    private void placeHold(String accountId, String category, String reference) throws SQLException {
        String holdId = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("retention.holds", holdId, "io.cloudpro.retention.hold.placed.v1",
                "{\"holdId\":\"" + holdId + "\",\"subjectId\":\"" + accountId + "\",\"category\":\"" + category
                        + "\",\"reference\":\"" + reference + "\",\"placedAt\":\"" + Instant.now() + "\"}");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId) == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // polls: the hold arrives through Kafka in a second or two
        }
        assertEquals(1, count("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId), "the hold arrived");
    }

    /** A purge by rolling rule, as retention-service sends it; its receipt. */
    static JsonPath purge(String category, Instant cutoff) {
        String commandId = UUID.randomUUID().toString();
        String rule = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("privacy.commands", rule, "io.cloudpro.privacy.command.purge.v1",
                "{\"commandId\":\"" + commandId + "\",\"kind\":\"PURGE\",\"subject\":{\"subjectId\":\"" + rule
                        + "\"},\"category\":\"" + category + "\",\"cutoff\":\"" + cutoff + "\",\"issuedAt\":\"" + Instant.now() + "\"}");
        List<ConsumerRecord<String, String>> results = KafkaTopics.read("privacy.results",
                r -> r.value().contains(commandId), 1, Duration.ofSeconds(60));
        assertEquals(1, results.size(), "the receipt of the purge");
        return new JsonPath(results.get(0).value());
    }

    private static void execute(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private void update(String sql, String parameter) throws SQLException {
        try (Connection connection = database.getConnection()) {
            execute(connection, sql, parameter);
        }
    }

    private String text(String sql, String parameter) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
