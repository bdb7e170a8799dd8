package io.cloudpro.order;

import io.cloudpro.simulator.ProviderSimulator;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.lines;
import static io.cloudpro.order.OrderClient.product;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** iDEAL (Mollie) and PayPal payments against the provider simulator over HTTP: webhooks are hints, never the truth. */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class PaymentsTest {

    static final String PROBLEM = "application/problem+json";
    static final String IBAN = ProviderSimulator.idealPayerIban();

    @Inject
    DataSource database;

    @AfterEach
    void providersBack() {
        simulator().fault("mollie", Duration.ZERO, false);
    }

    static ProviderSimulator simulator() {
        return TestInfrastructure.get().providers();
    }

    record Ordered(OrderClient.Customer customer, String orderId) {
    }

    static Ordered ordered() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        IdentityStub.get().person(customer.accountId(), "Betty Betaal");
        String orderId = customer.call().body(lines(hosting, 1)).post("/api/v1/orders").then().statusCode(201).extract().path("id");
        return new Ordered(customer, orderId);
    }

    static JsonPath pay(Ordered ordered, String method, int status) {
        return ordered.customer().call().body(Map.of("method", method)).post("/api/v1/orders/" + ordered.orderId() + "/payments")
                .then().statusCode(status).extract().jsonPath();
    }

    static JsonPath awaitPayment(Ordered ordered, String paymentId, Predicate<JsonPath> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonPath payment = ordered.customer().call().get("/api/v1/payments/" + paymentId).then().statusCode(200)
                    .extract().jsonPath();
            if (done.test(payment) || System.nanoTime() > deadline) {
                return payment;
            }
            Thread.sleep(100); // polling until the webhook or the scheduled check has been handled
        }
    }

    static void simulatorControl(String path) {
        given().baseUri(simulator().url()).post(path).then().statusCode(200);
    }

    @Test
    void anIdealPaymentIsPaidOnMolliesWordOnceKeepsOnlyAMaskedAccountAndIssuesTheInvoice() throws Exception {
        Ordered ordered = ordered();
        JsonPath started = pay(ordered, "IDEAL", 201);
        assertEquals("MOLLIE", started.getString("provider"));
        assertEquals("OPEN", started.getString("status"));
        assertEquals(7245, started.getLong("amountCents"));
        String reference = started.getString("providerReference");
        assertTrue(reference.startsWith("tr_"), reference);
        assertTrue(started.getString("checkoutUrl").startsWith(simulator().url() + "/checkout/mollie/"));
        String paymentId = started.getString("id");
        // asked again while it is open: the same payment, not a second one
        assertEquals(paymentId, pay(ordered, "IDEAL", 200).getString("id"));

        List<ConsumerRecord<String, String>> disclosed = KafkaTopics.read("privacy.disclosures",
                r -> r.value().contains(reference), 1, Duration.ofSeconds(30));
        JsonPath disclosure = new JsonPath(disclosed.get(0).value());
        assertEquals("Mollie B.V.", disclosure.getString("recipient"));
        assertEquals(ordered.customer().accountId(), disclosure.getString("subjectId"));
        assertEquals(List.of("order.payments"), disclosure.getList("categories"));

        // the payer pays at the bank; Mollie posts its webhook (only the id) and the service asks Mollie
        simulatorControl("/simulator/mollie/" + reference + "?status=paid");
        JsonPath paid = awaitPayment(ordered, paymentId, p -> "PAID".equals(p.getString("payment.status")));
        assertEquals("PAID", paid.getString("payment.status"));
        assertEquals("NL** **** **** **67 89", paid.getString("payment.maskedAccount"));
        assertEquals(List.of("OPEN", "PAID"), paid.getList("transactions.to"));
        ordered.customer().call().get("/api/v1/orders/" + ordered.orderId()).then().statusCode(200).body("status", equalTo("PAID"));
        // the invoice is issued right after the payment's transaction (its first PDF takes a while in a cold JVM)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                ordered.customer().call().get("/api/v1/invoices").then().extract().jsonPath().getInt("total") > 0);
        ordered.customer().call().get("/api/v1/invoices").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].orderId", equalTo(ordered.orderId()));

        // Mollie (or anyone) posting the same webhook again changes nothing
        for (int i = 0; i < 3; i++) {
            given().contentType("application/x-www-form-urlencoded").formParam("id", reference)
                    .post("/api/v1/payments/webhooks/mollie").then().statusCode(200);
        }
        simulatorControl("/simulator/mollie/" + reference); // answers once the service has handled the replay
        JsonPath after = ordered.customer().call().get("/api/v1/payments/" + paymentId).then().extract().jsonPath();
        assertEquals(2, after.getList("transactions").size(), "no new transaction from replays");
        assertEquals(1, KafkaTopics.readAll("orders.events", r -> r.value().contains(paymentId)
                && "io.cloudpro.order.payment.succeeded.v1".equals(KafkaTopics.header(r, "ce_type")), Duration.ofSeconds(30)).size(),
                "payment.succeeded once");

        // the full IBAN Mollie returned is nowhere: not in any table, not in the log
        assertEquals(List.of(), rowsContaining(IBAN.substring(4)), "tables holding the IBAN");
        String log = Files.readString(Path.of("target/order-service-test.log"));
        assertFalse(log.contains(IBAN.substring(4)), "the IBAN in the log");
        assertTrue(log.contains(paymentId) || log.contains("order-service"), "the log is the service's");
    }

    @Test
    void aForgedOrRepeatedMollieWebhookChangesNothing() throws Exception {
        Ordered ordered = ordered();
        JsonPath started = pay(ordered, "IDEAL", 201);
        String reference = started.getString("providerReference");
        // someone posts webhooks: an unknown id, and this payment's id while Mollie still says open
        given().contentType("application/x-www-form-urlencoded").formParam("id", "tr_forged123")
                .post("/api/v1/payments/webhooks/mollie").then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").formParam("id", reference)
                .post("/api/v1/payments/webhooks/mollie").then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").post("/api/v1/payments/webhooks/mollie").then().statusCode(200);
        JsonPath payment = ordered.customer().call().get("/api/v1/payments/" + started.getString("id")).then().extract().jsonPath();
        assertEquals("OPEN", payment.getString("payment.status"));
        ordered.customer().call().get("/api/v1/orders/" + ordered.orderId()).then().body("status", equalTo("PLACED"));
    }

    @Test
    void aCanceledPaymentFailsTheAttemptAndTheOrderCanBePaidAgain() throws Exception {
        Ordered ordered = ordered();
        JsonPath first = pay(ordered, "IDEAL", 201);
        simulatorControl("/simulator/mollie/" + first.getString("providerReference") + "?status=canceled");
        JsonPath canceled = awaitPayment(ordered, first.getString("id"), p -> "CANCELED".equals(p.getString("payment.status")));
        assertEquals("CANCELED", canceled.getString("payment.status"));
        KafkaTopics.read("orders.events", r -> r.value().contains(first.getString("id"))
                && "io.cloudpro.order.payment.failed.v1".equals(KafkaTopics.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        ordered.customer().call().get("/api/v1/orders/" + ordered.orderId()).then().body("status", equalTo("PLACED"));
        JsonPath second = pay(ordered, "IDEAL", 201);
        assertFalse(second.getString("id").equals(first.getString("id")));

        simulatorControl("/simulator/mollie/" + second.getString("providerReference") + "?status=paid");
        awaitPayment(ordered, second.getString("id"), p -> "PAID".equals(p.getString("payment.status")));
        pay(ordered, "PAYPAL", 409);
    }

    @Test
    void aPaymentWhoseWebhookNeverCameIsSettledByTheScheduledCheck() throws Exception {
        Ordered ordered = ordered();
        JsonPath started = pay(ordered, "IDEAL", 201);
        simulatorControl("/simulator/mollie/" + started.getString("providerReference") + "?status=paid&webhook=false");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            // the first check would come after a minute; bring it forward
            statement.executeUpdate("UPDATE payment SET next_check_at = now() WHERE id = '" + started.getString("id") + "'");
        }
        JsonPath paid = awaitPayment(ordered, started.getString("id"), p -> "PAID".equals(p.getString("payment.status")));
        assertEquals("PAID", paid.getString("payment.status"));
        assertEquals("CHECK", paid.getString("transactions[1].source"));
    }

    @Test
    void whenTheProviderIsDownThePaymentFailsToStartWithA503() {
        Ordered ordered = ordered();
        simulator().fault("mollie", Duration.ZERO, true);
        ordered.customer().call().body(Map.of("method", "IDEAL")).post("/api/v1/orders/" + ordered.orderId() + "/payments")
                .then().statusCode(503).contentType(PROBLEM).header("Retry-After", "30")
                .body("type", equalTo("https://cloudpro.io/problems/payment-provider-unavailable"));
        simulator().fault("mollie", Duration.ZERO, false);
        JsonPath list = ordered.customer().call().get("/api/v1/payments").then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", list.getString("items[0].status"));
        pay(ordered, "IDEAL", 201);
    }

    @Test
    void aPayPalPaymentIsCapturedOnceApprovedAndForgedOrReplayedWebhooksChangeNothing() throws Exception {
        Ordered ordered = ordered();
        JsonPath started = pay(ordered, "PAYPAL", 201);
        assertEquals("PAYPAL", started.getString("provider"));
        String reference = started.getString("providerReference");
        assertTrue(started.getString("checkoutUrl").contains("/checkout/paypal/" + reference));
        String paymentId = started.getString("id");

        // a forged approval: a body PayPal never signed, with headers of another body, or a foreign certificate
        String forged = "{\"id\":\"WH-FORGED-1\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\"resource_type\":\"checkout-order\","
                + "\"resource\":{\"id\":\"" + reference + "\",\"status\":\"APPROVED\"}}";
        Map<String, String> otherBody = simulator().signPayPalWebhook("{}", UUID.randomUUID().toString(), Instant.now().toString());
        given().contentType("application/json").headers(otherBody).body(forged).post("/api/v1/payments/webhooks/paypal")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("https://cloudpro.io/problems/webhook-not-authentic"));
        Map<String, String> foreignCert = new java.util.HashMap<>(simulator().signPayPalWebhook(forged, UUID.randomUUID().toString(),
                Instant.now().toString()));
        foreignCert.put("PAYPAL-CERT-URL", "http://attacker.example/cert.pem");
        given().contentType("application/json").headers(foreignCert).body(forged).post("/api/v1/payments/webhooks/paypal")
                .then().statusCode(400);
        given().contentType("application/json").body(forged).post("/api/v1/payments/webhooks/paypal").then().statusCode(400);
        assertEquals("OPEN", ordered.customer().call().get("/api/v1/payments/" + paymentId).then().extract().path("payment.status"));

        // a genuinely signed webhook before the payer approved: read back, still open
        Map<String, String> genuine = simulator().signPayPalWebhook(forged, UUID.randomUUID().toString(), Instant.now().toString());
        given().contentType("application/json").headers(genuine).body(forged).post("/api/v1/payments/webhooks/paypal")
                .then().statusCode(200);
        assertEquals("OPEN", ordered.customer().call().get("/api/v1/payments/" + paymentId).then().extract().path("payment.status"));

        // the payer approves at PayPal; PayPal's signed webhook makes the service capture
        simulatorControl("/simulator/paypal/" + reference + "?action=approve");
        JsonPath paid = awaitPayment(ordered, paymentId, p -> "PAID".equals(p.getString("payment.status")));
        assertEquals("PAID", paid.getString("payment.status"));
        // captured on the approval's webhook; PayPal's capture-completed webhook may race it to the PAID transaction
        assertEquals(List.of("OPEN", "PAID"), paid.getList("transactions.to"));
        assertTrue(List.of("CAPTURE", "WEBHOOK").contains(paid.getString("transactions[1].source")));
        ordered.customer().call().get("/api/v1/orders/" + ordered.orderId()).then().body("status", equalTo("PAID"));

        // the same signed event delivered again is recognised and ignored
        given().contentType("application/json").headers(genuine).body(forged).post("/api/v1/payments/webhooks/paypal")
                .then().statusCode(200);
        // PayPal's own capture-completed webhook must not add anything either: wait until the service has answered it
        long answeredBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!given().baseUri(simulator().url()).get("/simulator/paypal/" + reference).then().extract()
                .jsonPath().getList("webhooksAnswered").contains("PAYMENT.CAPTURE.COMPLETED 200")) {
            assertTrue(System.nanoTime() < answeredBy, "PayPal's capture-completed webhook was never answered");
            Thread.sleep(50); // polling until the simulator has the service's answer
        }
        assertEquals(2, ordered.customer().call().get("/api/v1/payments/" + paymentId).then().extract().jsonPath()
                .getList("transactions").size());
        List<ConsumerRecord<String, String>> disclosed = KafkaTopics.read("privacy.disclosures",
                r -> r.value().contains(reference), 1, Duration.ofSeconds(30));
        assertTrue(disclosed.get(0).value().contains("PayPal (Europe)"));
    }

    @Test
    void noOneReachesAnotherAccountsPayments() {
        Ordered ordered = ordered();
        String paymentId = pay(ordered, "IDEAL", 201).getString("id");
        OrderClient.Customer stranger = customer();
        stranger.call().get("/api/v1/payments/" + paymentId).then().statusCode(404).contentType(PROBLEM);
        stranger.call().body(Map.of("method", "IDEAL")).post("/api/v1/orders/" + ordered.orderId() + "/payments")
                .then().statusCode(404);
        stranger.call().get("/api/v1/payments").then().statusCode(200).body("total", equalTo(0));
        ordered.customer().call().body(Map.of("method", "CASH")).post("/api/v1/orders/" + ordered.orderId() + "/payments")
                .then().statusCode(400).contentType(PROBLEM);
    }

    /** Every table with a row whose text contains {@code needle}. */
    private List<String> rowsContaining(String needle) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertNotNull(tables);
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + table + "\" t WHERE t::text LIKE '%"
                        + needle + "%'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        found.add(table);
                    }
                }
            }
        }
        return found;
    }
}
