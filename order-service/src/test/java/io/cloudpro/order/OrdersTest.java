package io.cloudpro.order;

import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cloudpro.order.OrderClient.admin;
import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.lines;
import static io.cloudpro.order.OrderClient.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Products, quotations and orders over HTTP, with the events they publish. */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class OrdersTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager entityManager;

    @Test
    void adminsManageProductsAndEveryoneSeesWhatIsOffered() {
        String id = product("HOSTING", 5988, "STANDARD");
        given().get("/api/v1/products").then().statusCode(200).body("id", hasItem(id));
        customer().call().body(Map.of("sku", "X-1", "name", "x", "kind", "SSL_CERTIFICATE", "unitPriceCents", 1,
                "vatRate", "STANDARD")).post("/api/v1/products").then().statusCode(403);
        String sku = admin().get("/api/v1/products").then().extract().path("find { it.id == '" + id + "' }.sku");
        admin().body(Map.of("sku", sku, "name", "again", "kind", "HOSTING", "unitPriceCents", 1, "vatRate", "STANDARD"))
                .post("/api/v1/products").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://cloudpro.io/problems/sku-taken"));
        admin().body(Map.of("sku", "lower case", "name", "x", "kind", "HOSTING", "unitPriceCents", -1, "vatRate", "STANDARD"))
                .post("/api/v1/products").then().statusCode(400).contentType(PROBLEM);

        admin().contentType("application/merge-patch+json").body(Map.of("active", false, "unitPriceCents", 6588))
                .patch("/api/v1/products/" + id).then().statusCode(200).body("active", equalTo(false))
                .body("unitPriceCents", equalTo(6588));
        given().get("/api/v1/products").then().statusCode(200).body("id", not(hasItem(id)));
        admin().queryParam("all", true).get("/api/v1/products").then().statusCode(200).body("id", hasItem(id));
        customer().call().body(lines(id, 1)).post("/api/v1/orders").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://cloudpro.io/problems/product-unavailable"));
    }

    @Test
    void aQuotationIsPricedPerVatRateNumberedAndValidThirtyDays() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        String domain = product("SSL_CERTIFICATE", 999, "STANDARD");
        String reduced = product("SSL_CERTIFICATE", 1250, "REDUCED");
        OrderClient.Customer customer = customer();
        JsonPath quotation = customer.call().body(lines(hosting, 2, domain, 1, reduced, 1)).post("/api/v1/quotations")
                .then().statusCode(201).extract().jsonPath();
        assertTrue(quotation.getString("number").matches("Q\\d{4}-\\d{6}"), quotation.getString("number"));
        assertEquals("OPEN", quotation.getString("status"));
        assertEquals(LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(30).toString(), quotation.getString("validUntil"));
        // 21 %: 2 x 59.88 + 9.99 = 129.75 -> VAT 27.2475 -> 27.25; 9 %: 12.50 -> 1.125 -> 1.13 (half up, per rate total)
        assertEquals(12975, quotation.getLong("vat.find { it.rate == 'STANDARD' }.netCents"));
        assertEquals(2725, quotation.getLong("vat.find { it.rate == 'STANDARD' }.vatCents"));
        assertEquals(113, quotation.getLong("vat.find { it.rate == 'REDUCED' }.vatCents"));
        assertEquals(14225, quotation.getLong("netCents"));
        assertEquals(2838, quotation.getLong("vatCents"));
        assertEquals(17063, quotation.getLong("grossCents"));
        assertEquals(3, quotation.getList("lines").size());

        String id = quotation.getString("id");
        customer.call().get("/api/v1/quotations/" + id).then().statusCode(200).body("number", equalTo(quotation.getString("number")));
        customer.call().get("/api/v1/quotations").then().statusCode(200).body("items.id", hasItem(id)).body("total", equalTo(1));
        List<ConsumerRecord<String, String>> created = KafkaTopics.read("orders.events", r -> r.value().contains(id), 1,
                Duration.ofSeconds(30));
        assertEquals("io.cloudpro.order.quotation.created.v1", KafkaTopics.header(created.get(0), "ce_type"));
        assertEquals(customer.accountId(), created.get(0).key());
    }

    @Test
    void acceptingAQuotationPlacesOneOrderAtTheQuotedPricesEvenWhenSentTwiceAtOnce() throws Exception {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        String quotationId = customer.call().body(lines(hosting, 1)).post("/api/v1/quotations").then().statusCode(201)
                .extract().path("id");
        admin().contentType("application/merge-patch+json").body(Map.of("unitPriceCents", 9999))
                .patch("/api/v1/products/" + hosting).then().statusCode(200);

        ExecutorService both = Executors.newFixedThreadPool(2);
        List<Future<Response>> accepts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            accepts.add(both.submit(() -> customer.call().post("/api/v1/quotations/" + quotationId + "/accept")));
        }
        Set<Integer> statuses = new HashSet<>();
        Set<String> orderIds = new HashSet<>();
        for (Future<Response> accept : accepts) {
            Response response = accept.get();
            statuses.add(response.statusCode());
            orderIds.add(response.path("id"));
        }
        both.shutdown();
        assertEquals(Set.of(200, 201), statuses, "one accept placed the order, the other got it back");
        assertEquals(1, orderIds.size());
        String orderId = orderIds.iterator().next();

        JsonPath order = customer.call().get("/api/v1/orders/" + orderId).then().statusCode(200).extract().jsonPath();
        assertEquals(quotationId, order.getString("quotationId"));
        assertEquals(5988, order.getLong("lines[0].unitPriceCents"), "the quoted price, not today's");
        assertTrue(order.getString("number").matches("O\\d{4}-\\d{6}"));
        customer.call().get("/api/v1/quotations/" + quotationId).then().body("status", equalTo("ACCEPTED"))
                .body("orderId", equalTo(orderId)).body("acceptable", equalTo(false));
        customer.call().post("/api/v1/quotations/" + quotationId + "/accept").then().statusCode(200).body("id", equalTo(orderId));

        List<ConsumerRecord<String, String>> placed = KafkaTopics.readAll("orders.events",
                r -> r.value().contains(quotationId) && "io.cloudpro.order.order.placed.v1".equals(KafkaTopics.header(r, "ce_type")),
                Duration.ofSeconds(30));
        assertEquals(1, placed.size(), "one order.placed for the quotation");
        assertEquals(1, KafkaTopics.readAll("orders.events", r -> r.value().contains(quotationId)
                && "io.cloudpro.order.quotation.accepted.v1".equals(KafkaTopics.header(r, "ce_type")), Duration.ofSeconds(30)).size());
    }

    @Test
    void aQuotationPastItsLastValidDayCannotBeAccepted() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        String id = customer.call().body(lines(hosting, 1)).post("/api/v1/quotations").then().statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE quotation SET valid_until = current_date - 1 WHERE id = ?1")
                .setParameter(1, UUID.fromString(id)).executeUpdate());
        customer.call().get("/api/v1/quotations/" + id).then().body("acceptable", equalTo(false));
        customer.call().post("/api/v1/quotations/" + id + "/accept").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://cloudpro.io/problems/quotation-expired"));
    }

    @Test
    void anotherAccountsQuotationsAndOrdersDoNotExistForMe() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer owner = customer();
        OrderClient.Customer other = customer();
        String quotationId = owner.call().body(lines(hosting, 1)).post("/api/v1/quotations").then().statusCode(201).extract().path("id");
        String orderId = owner.call().body(lines(hosting, 1)).post("/api/v1/orders").then().statusCode(201).extract().path("id");
        other.call().get("/api/v1/quotations/" + quotationId).then().statusCode(404).contentType(PROBLEM);
        other.call().post("/api/v1/quotations/" + quotationId + "/accept").then().statusCode(404);
        other.call().get("/api/v1/orders/" + orderId).then().statusCode(404).contentType(PROBLEM);
        other.call().get("/api/v1/quotations").then().statusCode(200).body("total", equalTo(0));
        other.call().get("/api/v1/orders").then().statusCode(200).body("total", equalTo(0));
        owner.call().get("/api/v1/orders").then().statusCode(200).body("items.id", hasItem(orderId));
        // a customer login that acts for no account reaches nothing
        OrderClient.as(TestTokens.customer().sessionId(UUID.randomUUID().toString()).build())
                .get("/api/v1/orders").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://cloudpro.io/problems/no-account"));
        admin().get("/api/v1/orders").then().statusCode(403);
    }

    @Test
    void anIdempotencyKeyMakesARepeatedRequestOneOrderAndRefusesAnotherBody() throws Exception {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        String key = UUID.randomUUID().toString();
        ExecutorService three = Executors.newFixedThreadPool(3);
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(three.submit(() -> customer.call().header("Idempotency-Key", key).body(lines(hosting, 2))
                    .post("/api/v1/orders")));
        }
        Set<String> answers = new HashSet<>();
        for (Future<Response> response : sent) {
            assertEquals(201, response.get().statusCode(), response.get().body().asString());
            answers.add(response.get().body().asString());
        }
        three.shutdown();
        assertEquals(1, answers.size(), "the same key and body: the same answer, to the byte: " + answers);
        customer.call().get("/api/v1/orders").then().body("total", equalTo(1));

        customer.call().header("Idempotency-Key", key).body(lines(hosting, 3)).post("/api/v1/orders").then()
                .statusCode(422).contentType(PROBLEM).body("type", equalTo("https://cloudpro.io/problems/idempotency-key-reused"));
        // keys are per operation and account: the same key may name a quotation, and another account's request
        customer.call().header("Idempotency-Key", key).body(lines(hosting, 3)).post("/api/v1/quotations").then().statusCode(201);
        customer().call().header("Idempotency-Key", key).body(lines(hosting, 2)).post("/api/v1/orders").then().statusCode(201);
        customer.call().header("Idempotency-Key", "x".repeat(201)).body(lines(hosting, 1)).post("/api/v1/orders").then()
                .statusCode(400).contentType(PROBLEM);
    }

    @Test
    void badRequestsAreProblemsNotErrors() {
        OrderClient.Customer customer = customer();
        customer.call().body(Map.of("lines", List.of())).post("/api/v1/quotations").then().statusCode(400).contentType(PROBLEM);
        customer.call().body(lines(UUID.randomUUID().toString(), 1)).post("/api/v1/quotations").then().statusCode(422)
                .contentType(PROBLEM);
        customer.call().body(lines(product("SSL_CERTIFICATE", 999, "STANDARD"), 0)).post("/api/v1/orders").then().statusCode(400)
                .contentType(PROBLEM);
        customer.call().body("{\"lines\":").post("/api/v1/orders").then().statusCode(400).contentType(PROBLEM);
        customer.call().get("/api/v1/orders/not-a-uuid").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        given().get("/api/v1/orders").then().statusCode(401);
    }
}
