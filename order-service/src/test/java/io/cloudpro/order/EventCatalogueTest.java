package io.cloudpro.order;

import io.cloudpro.order.messaging.OrderEvents;
import io.cloudpro.testsupport.AsyncApiCatalogue;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.cloudpro.order.OrderClient.customer;
import static io.cloudpro.order.OrderClient.lines;
import static io.cloudpro.order.OrderClient.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event catalogue (src/main/asyncapi/order-events.yaml) tells the truth: every event type the
 * code knows is documented, and every event a real flow publishes matches its documented headers
 * and payload schema.
 */
@QuarkusTest
@WithTestResource(value = OrderTestResource.class, scope = TestResourceScope.GLOBAL)
class EventCatalogueTest {

    static final AsyncApiCatalogue CATALOGUE = AsyncApiCatalogue.read(Path.of("src/main/asyncapi/order-events.yaml"));

    @Test
    void theCatalogueIsAnAsyncApi3DocumentThatListsEveryEventTypeOfTheCode() {
        assertEquals("3.0.0", CATALOGUE.document().path("asyncapi").asText());
        assertEquals(OrderEvents.TOPIC, CATALOGUE.document().path("channels").path("orderEvents").path("address").asText());
        assertEquals(8, AsyncApiCatalogue.eventTypes(OrderEvents.class).size());
        assertEquals(AsyncApiCatalogue.eventTypes(OrderEvents.class), CATALOGUE.types().keySet());
    }

    @Test
    void theSchemasRejectWhatTheyShould() {
        String placed = OrderEvents.ORDER_PLACED;
        String valid = "{\"orderId\":\"9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f\",\"accountId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\","
                + "\"number\":\"O2026-000007\",\"quotationId\":null,\"placedAt\":\"2026-11-27T09:00:00Z\"";
        assertTrue(CATALOGUE.payloadErrors(placed, valid + "}").isEmpty());
        assertFalse(CATALOGUE.payloadErrors(placed, valid.replace("O2026-000007", "2026-7") + "}").isEmpty());
        assertFalse(CATALOGUE.payloadErrors(placed, valid + ",\"grossCents\":100}").isEmpty(), "no amounts in events");
    }

    @Test
    void everyPublishedEventMatchesItsDocumentedHeadersAndPayload() {
        String hosting = product("HOSTING", 5988, "STANDARD");
        OrderClient.Customer customer = customer();
        String quotation = customer.call().body(lines(hosting, 1)).post("/api/v1/quotations").then().statusCode(201)
                .extract().path("id");
        customer.call().post("/api/v1/quotations/" + quotation + "/accept").then().statusCode(201);
        String order = customer.call().body(lines(hosting, 1)).post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        IdentityStub.get().person(customer.accountId(), "Evi Events");
        String invoice = customer.call().post("/api/v1/orders/" + order + "/invoice").then().statusCode(201).extract().path("id");
        OrderClient.admin().body("{\"reason\":\"cancelled\"}").post("/api/v1/invoices/" + invoice + "/credit-notes")
                .then().statusCode(201);

        // one payment canceled, the next one paid (which also issues the invoice of the second order)
        String domain = product("DOMAIN", 999, "STANDARD");
        String second = customer.call().body(java.util.Map.of("lines", List.of(java.util.Map.of("productId", domain, "quantity", 1,
                "domain", "events-" + customer.accountId().substring(0, 8) + ".nl")))).post("/api/v1/orders").then().statusCode(201)
                .extract().path("id");
        for (String status : List.of("canceled", "paid")) {
            String reference = customer.call().body(java.util.Map.of("method", "IDEAL"))
                    .post("/api/v1/orders/" + second + "/payments").then().statusCode(201).extract().path("providerReference");
            io.restassured.RestAssured.given().baseUri(TestInfrastructure.get().providers().url())
                    .post("/simulator/mollie/" + reference + "?status=" + status).then().statusCode(200);
            String type = status.equals("paid") ? OrderEvents.PAYMENT_SUCCEEDED : OrderEvents.PAYMENT_FAILED;
            KafkaTopics.read(OrderEvents.TOPIC, r -> r.value().contains(second) && type.equals(KafkaTopics.header(r, "ce_type")),
                    1, Duration.ofSeconds(30));
        }

        List<ConsumerRecord<String, String>> records = KafkaTopics.read(OrderEvents.TOPIC,
                r -> customer.accountId().equals(r.key()), 11, Duration.ofSeconds(30));
        assertEquals(11, records.size(), "2 quotation, 3 order, 2 invoice, 1 credit note, 2 payment and 1 domain events");
        assertEquals(CATALOGUE.types().keySet(), CATALOGUE.check(records), "every documented event was published and checked");
    }
}
