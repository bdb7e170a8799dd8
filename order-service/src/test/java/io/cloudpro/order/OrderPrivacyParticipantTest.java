package io.cloudpro.order;

import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.lines;
import static io.cloudpro.order.OrderClient.product;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** order-service answers privacy commands: export of quotations and orders, erasure that keeps fiscal records. */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class OrderPrivacyParticipantTest {

    @Inject
    EntityManager entityManager;

    /**
     * A customer with an open quotation, an accepted one (with its order), a direct order sent with a
     * key, and that order's invoice with a credit note correcting it; the accepted quotation's order
     * paid with iDEAL at the second attempt (which issued its invoice).
     */
    record Customer(OrderClient.Customer client, String openQuotation, String acceptedQuotation, String order,
                    String acceptedOrder, String invoice) {
        String subjectJson() {
            return "{\"subjectId\":\"" + client.accountId() + "\",\"accountIds\":[\"" + client.accountId()
                    + "\"],\"loginIds\":[\"" + client.loginId() + "\"],\"applicationIds\":[]}";
        }
    }

    static Customer withHistory() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer client = customer();
        String open = client.call().body(lines(hosting, 1)).post("/api/v1/quotations").then().statusCode(201).extract().path("id");
        String accepted = client.call().body(lines(hosting, 2)).post("/api/v1/quotations").then().statusCode(201).extract().path("id");
        String acceptedOrder = client.call().post("/api/v1/quotations/" + accepted + "/accept").then().statusCode(201)
                .extract().path("id");
        String order = client.call().header("Idempotency-Key", "order-1").body(lines(hosting, 1)).post("/api/v1/orders")
                .then().statusCode(201).extract().path("id");
        IdentityStub.get().person(client.accountId(), "Priya Privacy");
        String invoice = client.call().post("/api/v1/orders/" + order + "/invoice").then().statusCode(201).extract().path("id");
        OrderClient.admin().body("{\"reason\":\"cancelled\"}").post("/api/v1/invoices/" + invoice + "/credit-notes")
                .then().statusCode(201);
        // the accepted quotation's order: one iDEAL attempt canceled, the next paid
        for (String status : List.of("canceled", "paid")) {
            String reference = client.call().body(Map.of("method", "IDEAL")).post("/api/v1/orders/" + acceptedOrder + "/payments")
                    .then().statusCode(201).extract().path("providerReference");
            given().baseUri(TestInfrastructure.get().providers().url()).post("/simulator/mollie/" + reference + "?status=" + status)
                    .then().statusCode(200);
            String expected = status.equals("paid") ? "PAID" : "CANCELED";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!expected.equals(client.call().get("/api/v1/payments").then().extract().path("items[0].status"))
                    && System.nanoTime() < deadline) {
                pause(); // until the webhook has been handled
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.call().get("/api/v1/invoices").then().extract().jsonPath().getInt("total") < 3
                && System.nanoTime() < deadline) {
            pause(); // the paid order's invoice is issued right after the payment
        }
        return new Customer(client, open, accepted, order, acceptedOrder, invoice);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonPath result(String kind, Customer customer) {
        String commandId = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("privacy.commands", customer.client().accountId(),
                "io.cloudpro.privacy.command." + kind.toLowerCase() + ".v1",
                "{\"commandId\":\"" + commandId + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"kind\":\"" + kind
                        + "\",\"subject\":" + customer.subjectJson() + ",\"issuedAt\":\"" + Instant.now() + "\"}");
        List<ConsumerRecord<String, String>> results = KafkaTopics.read("privacy.results",
                r -> r.value().contains(commandId), 1, Duration.ofSeconds(60));
        assertEquals(1, results.size(), "one result of " + kind);
        return new JsonPath(results.get(0).value());
    }

    @Test
    void anExportHoldsTheAccountsQuotationsAndOrders() {
        Customer customer = withHistory();
        JsonPath result = result("EXPORT", customer);
        assertEquals("order-service", result.getString("service"));
        assertEquals(2, result.getInt("categories.find { it.category == 'order.quotations' }.count"));
        assertEquals(2, result.getInt("categories.find { it.category == 'order.orders' }.count"));
        String export = given().auth().oauth2(TestTokens.staff("service").subject("privacy-rights-service").build())
                .get(result.getString("export.url")).then().statusCode(200).extract().asString();
        JsonPath data = new JsonPath(export);
        assertEquals(2, data.getList("data.'order.quotations'").size());
        assertEquals(2, data.getList("data.'order.orders'").size());
        assertTrue(data.getList("data.'order.orders'.number").stream().allMatch(n -> n.toString().matches("O\\d{4}-\\d{6}")));
        assertEquals(3, result.getInt("categories.find { it.category == 'order.invoices' }.count"));
        assertEquals(List.of("invoice", "credit note", "invoice"), data.getList("data.'order.invoices'.kind"));
        assertEquals("Priya Privacy", data.getString("data.'order.invoices'[0].buyerName"));
        assertEquals(2, result.getInt("categories.find { it.category == 'order.payments' }.count"));
        assertEquals(List.of("CANCELED", "PAID"), data.getList("data.'order.payments'.status"));
        assertEquals("NL** **** **** **67 89", data.getString("data.'order.payments'[1].maskedAccount"));
    }

    @Test
    void anErasureDeletesOpenQuotationsAndKeepsEachOrderForTheTaxLawWithItsDate() {
        Customer customer = withHistory();
        JsonPath result = result("ERASE", customer);
        assertEquals(1, result.getInt("categories.find { it.category == 'order.quotations' && it.outcome == 'ERASED' }.count"));
        assertEquals(2, result.getInt("categories.find { it.category == 'order.orders' && it.outcome == 'WITHHELD' }.count"));
        assertEquals(1, result.getInt("categories.find { it.category == 'order.request-keys' }.count"));
        assertEquals(3, result.getInt("categories.find { it.category == 'order.invoices' && it.outcome == 'WITHHELD' }.count"));
        assertEquals(1, result.getInt("categories.find { it.category == 'order.payments' && it.outcome == 'ANONYMISED' }.count"));
        assertEquals(1, result.getInt("categories.find { it.category == 'order.payments' && it.outcome == 'ERASED' }.count"));
        List<Map<String, Object>> withheld = result.getList("withheld");
        assertEquals(7, withheld.size(), "two orders, the quotation one of them came from, their two invoices, a credit"
                + " note and the paid payment: " + withheld);
        assertTrue(withheld.stream().anyMatch(w -> w.get("record").toString().matches("invoice \\d{4}-\\d{6}")), withheld.toString());
        assertTrue(withheld.stream().anyMatch(w -> w.get("record").toString().matches("credit note C\\d{4}-\\d{6}")), withheld.toString());
        String until = LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusYears(8).withDayOfYear(1)
                .atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant().toString();
        for (Map<String, Object> kept : withheld) {
            assertEquals("AWR art. 52", kept.get("law"));
            assertEquals(until, kept.get("until"));
            assertFalse(kept.get("record").toString().contains(customer.client().accountId()), "named by number only");
        }

        assertEquals(0, count("SELECT count(*) FROM quotation WHERE id = ?1", customer.openQuotation()));
        assertEquals(1, count("SELECT count(*) FROM quotation WHERE id = ?1", customer.acceptedQuotation()));
        assertEquals(1, count("SELECT count(*) FROM customer_order WHERE id = ?1", customer.order()));
        assertEquals(2, count("SELECT count(*) FROM invoice WHERE order_id = ?1", customer.order()), "invoice and credit note kept whole");
        assertEquals(1, count("SELECT count(*) FROM payment WHERE order_id = ?1 AND status = 'PAID' AND masked_account IS NULL",
                customer.acceptedOrder()), "the paid payment kept, without its masked account");
        assertEquals(0, count("SELECT count(*) FROM payment WHERE order_id = ?1 AND status = 'CANCELED'", customer.acceptedOrder()));
        assertEquals(0, count("SELECT count(*) FROM idempotent_request WHERE account_id = ?1", customer.client().accountId()));
        assertEquals(1, KafkaTopics.read("privacy.erasures", r -> r.value().contains(customer.client().accountId()), 1,
                Duration.ofSeconds(30)).size(), "recorded on the erasure log");
    }

    private long count(String sql, String id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, UUID.fromString(id)).getSingleResult()).longValue());
    }
}
