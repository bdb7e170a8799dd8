package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.testsupport.AsyncApiCatalogue;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event catalogue (src/main/asyncapi/identity-events.yaml) tells the truth: every event type
 * the code knows is documented, and every event a real flow publishes matches its documented
 * headers and payload schema.
 */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class EventCatalogueTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager entityManager;
    @jakarta.inject.Inject
    io.cloudpro.identity.service.UnconfirmedRegistrations unconfirmed;

    static final AsyncApiCatalogue CATALOGUE = AsyncApiCatalogue.read(Path.of("src/main/asyncapi/identity-events.yaml"));

    @Test
    void theCatalogueIsAnAsyncApi3DocumentThatListsEveryEventTypeOfTheCode() {
        assertEquals("3.0.0", CATALOGUE.document().path("asyncapi").asText());
        assertEquals(IdentityEvents.TOPIC, CATALOGUE.document().path("channels").path("identityEvents").path("address").asText());
        assertEquals(IdentityEvents.SESSIONS_TOPIC, CATALOGUE.document().path("channels").path("identitySessions").path("address").asText());
        Set<String> inCode = AsyncApiCatalogue.eventTypes(IdentityEvents.class);
        assertEquals(10, inCode.size());
        assertEquals(inCode, CATALOGUE.types().keySet());
    }

    @Test
    void theSchemasRejectWhatTheyShould() {
        String closed = IdentityEvents.ACCOUNT_CLOSED;
        assertTrue(CATALOGUE.payloadErrors(closed, "{\"accountId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\","
                + "\"closedAt\":\"2026-11-24T10:00:00Z\"}").isEmpty());
        assertFalse(CATALOGUE.payloadErrors(closed, "{\"accountId\":\"nope\",\"closedAt\":\"2026-11-24T10:00:00Z\"}").isEmpty());
        assertFalse(CATALOGUE.payloadErrors(closed, "{\"accountId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\","
                + "\"closedAt\":\"2026-11-24T10:00:00Z\",\"email\":\"jan@example.nl\"}").isEmpty());
    }

    @Test
    void everyPublishedEventMatchesItsDocumentedHeadersAndPayload() {
        // one flow that makes all ten kinds of event
        String expired = IdentityClient.registerUnconfirmed(registration(newEmail()), "198.51.100.51");
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE credential SET created_at = created_at - interval '49 hours' WHERE account_id = ?1")
                .setParameter(1, java.util.UUID.fromString(expired)).executeUpdate());
        unconfirmed.expireBatch(java.time.Instant.now().minus(Duration.ofHours(48)));
        String email = newEmail();
        Map<String, Object> body = new HashMap<>(registration(email));
        body.put("newsletter", true);
        String accountId = IdentityClient.register(body, "198.51.100.50");
        String token = accessToken(email, "203.0.113.50");
        as(token).body(Map.of("lastName", "Bakker")).patch("/api/v1/me").then().statusCode(200);
        as(token).body(Map.of("password", PASSWORD)).delete("/api/v1/me").then().statusCode(204);
        as(IdentityClient.staff("support")).body(Map.of("reason", "ticket 9: closed by mistake"))
                .post("/api/v1/support/accounts/" + accountId + "/reopen").then().statusCode(200);
        String applicationId = ApplicationTest.apply(newEmail(), ApplicationTest.PDF, false).then().statusCode(201)
                .extract().path("id");
        as(IdentityClient.staff("recruiter")).body(Map.of("decision", "HIRED"))
                .post("/api/v1/applications/" + applicationId + "/decision").then().statusCode(200);

        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>(KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()) || applicationId.equals(r.key()) || expired.equals(r.key()), 11,
                Duration.ofSeconds(30)));
        records.addAll(KafkaTopics.read(IdentityEvents.SESSIONS_TOPIC, r -> accountId.equals(r.key()), 1,
                Duration.ofSeconds(30)));
        assertEquals(CATALOGUE.types().keySet(), CATALOGUE.check(records), "every documented event was published and checked");
    }
}
