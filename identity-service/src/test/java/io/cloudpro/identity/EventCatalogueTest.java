package io.cloudpro.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
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

    static final ObjectMapper JSON = new ObjectMapper();
    static JsonNode asyncApi;
    static Map<String, JsonSchema> payloadSchemas = new HashMap<>();
    static JsonSchema headerSchema;

    @BeforeAll
    static void readCatalogue() throws IOException {
        asyncApi = new YAMLMapper().readTree(Path.of("src/main/asyncapi/identity-events.yaml").toFile());
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        asyncApi.path("components").path("messages").forEach(message ->
                payloadSchemas.put(message.path("name").asText(), factory.getSchema(message.path("payload"), config)));
        headerSchema = factory.getSchema(asyncApi.path("components").path("schemas").path("CloudEventHeaders"), config);
    }

    @Test
    void theCatalogueIsAnAsyncApi3DocumentThatListsEveryEventTypeOfTheCode() throws IllegalAccessException {
        assertEquals("3.0.0", asyncApi.path("asyncapi").asText());
        assertEquals(IdentityEvents.TOPIC, asyncApi.path("channels").path("identityEvents").path("address").asText());
        assertEquals(IdentityEvents.SESSIONS_TOPIC, asyncApi.path("channels").path("identitySessions").path("address").asText());
        Set<String> inCode = new HashSet<>();
        for (Field field : IdentityEvents.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().matches("[A-Z_]+")
                    && ((String) field.get(null)).startsWith("io.cloudpro.identity.")) {
                inCode.add((String) field.get(null));
            }
        }
        assertEquals(9, inCode.size());
        assertEquals(inCode, payloadSchemas.keySet());
    }

    @Test
    void theSchemasRejectWhatTheyShould() throws IOException {
        JsonSchema closed = payloadSchemas.get(IdentityEvents.ACCOUNT_CLOSED);
        assertTrue(closed.validate(JSON.readTree("{\"accountId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\","
                + "\"closedAt\":\"2026-11-24T10:00:00Z\"}")).isEmpty());
        assertFalse(closed.validate(JSON.readTree("{\"accountId\":\"nope\",\"closedAt\":\"2026-11-24T10:00:00Z\"}")).isEmpty());
        assertFalse(closed.validate(JSON.readTree("{\"accountId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\","
                + "\"closedAt\":\"2026-11-24T10:00:00Z\",\"email\":\"jan@example.nl\"}")).isEmpty());
    }

    @Test
    void everyPublishedEventMatchesItsDocumentedHeadersAndPayload() {
        // one flow that makes all nine kinds of event
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
        String applicationId = ApplicationTest.apply(newEmail(), ApplicationTest.PDF, false).then().statusCode(201)
                .extract().path("id");
        as(IdentityClient.staff("recruiter")).body(Map.of("decision", "HIRED"))
                .post("/api/v1/applications/" + applicationId + "/decision").then().statusCode(200);

        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>(KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()) || applicationId.equals(r.key()) || expired.equals(r.key()), 10,
                Duration.ofSeconds(30)));
        records.addAll(KafkaTopics.read(IdentityEvents.SESSIONS_TOPIC, r -> accountId.equals(r.key()), 1,
                Duration.ofSeconds(30)));
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            String type = KafkaTopics.header(record, "ce_type");
            seen.add(type);
            JsonSchema schema = payloadSchemas.get(type);
            assertTrue(schema != null, "undocumented event type " + type);
            Set<ValidationMessage> payloadErrors = schema.validate(read(record.value()));
            assertTrue(payloadErrors.isEmpty(), type + ": " + payloadErrors + " in " + record.value());
            Set<ValidationMessage> headerErrors = headerSchema.validate(KafkaTopics.headersAsJson(record));
            assertTrue(headerErrors.isEmpty(), type + " headers: " + headerErrors);
            assertEquals(record.key(), KafkaTopics.header(record, "ce_subject"));
        }
        assertEquals(payloadSchemas.keySet(), seen, "every documented event was published and checked");
    }


    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
