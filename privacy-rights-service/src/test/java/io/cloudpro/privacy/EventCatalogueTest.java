package io.cloudpro.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.testsupport.KafkaTopics;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.cloudpro.privacy.PrivacyClient.awaitStatus;
import static io.cloudpro.privacy.PrivacyClient.customer;
import static io.cloudpro.privacy.PrivacyClient.file;
import static io.cloudpro.privacy.PrivacyClient.officer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two event catalogues tell the truth: this service's own
 * ({@code src/main/asyncapi/privacy-rights-events.yaml}) and the privacy contract every service
 * shares ({@code platform/src/main/asyncapi/privacy-contract.yaml}). Every event type in the code is
 * documented, and what real flows publish - request and complaint events, the statement, the
 * commands sent to participants, this service's own results and catalogue - matches its schema.
 */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class EventCatalogueTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Catalogue own;
    static Catalogue contract;

    @BeforeAll
    static void readCatalogues() throws IOException {
        own = Catalogue.read(Path.of("src/main/asyncapi/privacy-rights-events.yaml"));
        contract = Catalogue.read(Path.of("../platform/src/main/asyncapi/privacy-contract.yaml"));
    }

    @Test
    void bothCataloguesAreAsyncApi3DocumentsThatListEveryEventTypeOfTheCode() throws IllegalAccessException {
        assertEquals("3.0.0", own.document.path("asyncapi").asText());
        assertEquals("3.0.0", contract.document.path("asyncapi").asText());
        Set<String> ownTypes = constants(PrivacyRightsEvents.class);
        ownTypes.add(PrivacyTopics.STATEMENT_PUBLISHED);
        assertEquals(ownTypes, own.types().keySet());

        Set<String> contractTypes = constants(PrivacyTopics.class);
        contractTypes.remove(PrivacyTopics.STATEMENT_PUBLISHED);
        for (PrivacyCommand.Kind kind : PrivacyCommand.Kind.values()) {
            contractTypes.add(kind.eventType());
            contractTypes.add(kind.resultType());
        }
        assertEquals(contractTypes, contract.types().keySet());
        Set<String> addresses = new HashSet<>();
        contract.document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertEquals(Set.of(PrivacyTopics.COMMANDS, PrivacyTopics.RESULTS, PrivacyTopics.CATALOGUES, PrivacyTopics.ERASURES,
                PrivacyTopics.DISCLOSURES, PrivacyTopics.HOLDS), addresses);
    }

    @Test
    void theSchemasRejectWhatTheyShould() throws IOException {
        String received = PrivacyRightsEvents.REQUEST_RECEIVED;
        String valid = "{\"requestId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\",\"type\":\"ACCESS\",\"channel\":\"EMAIL\","
                + "\"receivedAt\":\"2026-11-25T10:00:00Z\",\"dueOn\":\"2026-12-25\"}";
        assertTrue(own.payloadErrors(received, JSON.readTree(valid)).isEmpty());
        assertFalse(own.payloadErrors(received, JSON.readTree(valid.replace("}", ",\"email\":\"jan@example.nl\"}"))).isEmpty(),
                "no personal data beyond ids");
        assertFalse(own.payloadErrors(received, JSON.readTree(valid.replace("ACCESS", "GOSSIP"))).isEmpty());
        String erase = PrivacyCommand.Kind.ERASE.eventType();
        String command = "{\"commandId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\",\"kind\":\"ERASE\","
                + "\"subject\":{\"subjectId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f11\"},\"issuedAt\":\"2026-11-25T10:00:00Z\"}";
        assertTrue(contract.payloadErrors(erase, JSON.readTree(command)).isEmpty());
        assertFalse(contract.payloadErrors(erase, JSON.readTree(command.replace("\"subjectId\"", "\"email\":\"a@b.nl\",\"subjectId\"")))
                .isEmpty(), "a subject is ids only");
    }

    @Test
    void everyPublishedEventMatchesItsDocumentedHeadersAndPayload() {
        // requests that complete, one that is extended and refused, a complaint that is answered
        PrivacyClient.Customer customer = customer();
        String completed = file(customer, Map.of("type", "ACCESS"));
        awaitStatus(customer, completed, "COMPLETED");
        PrivacyClient.Customer leaving = customer();
        String erased = file(leaving, Map.of("type", "ERASURE"));
        awaitStatus(leaving, erased, "COMPLETED");
        IdentitySimulator.get().silent(true);
        String refused;
        try {
            refused = file(customer, Map.of("type", "ERASURE"));
            officer().body(Map.of("months", 1, "reasons", "Many records to check."))
                    .post("/api/v1/privacy/officer/requests/" + refused + "/extend").then().statusCode(200);
            officer().body(Map.of("reason", "MANIFESTLY_UNFOUNDED", "explanation", "Test"))
                    .post("/api/v1/privacy/officer/requests/" + refused + "/refuse").then().statusCode(200);
        } finally {
            IdentitySimulator.get().silent(false);
        }
        String complaint = customer.call().body(Map.of("text", "Too slow.")).post("/api/v1/privacy/complaints").then()
                .statusCode(201).extract().path("id");
        officer().body(Map.of("answer", "Sorry.")).post("/api/v1/privacy/officer/complaints/" + complaint + "/answer")
                .then().statusCode(200);

        List<ConsumerRecord<String, String>> ownRecords = new ArrayList<>(KafkaTopics.read(PrivacyRightsEvents.TOPIC,
                r -> Set.of(completed, erased, refused, complaint).contains(r.key()), 8, Duration.ofSeconds(30)));
        ownRecords.addAll(KafkaTopics.read(PrivacyTopics.STATEMENTS, r -> "privacy-statement".equals(r.key()), 1,
                Duration.ofSeconds(30)));
        assertEquals(own.types().keySet(), check(own, ownRecords), "every documented event was published and checked");

        List<ConsumerRecord<String, String>> contractRecords = new ArrayList<>(KafkaTopics.read(PrivacyTopics.COMMANDS,
                r -> r.value().contains(completed) || r.value().contains(erased), 2, Duration.ofSeconds(30)));
        // this service is a participant too: its own answers and its catalogue
        contractRecords.addAll(KafkaTopics.read(PrivacyTopics.RESULTS, r -> r.value().contains(completed)
                && "/cloudpro/privacy-rights-service".equals(KafkaTopics.header(r, "ce_source")), 1, Duration.ofSeconds(30)));
        contractRecords.addAll(KafkaTopics.read(PrivacyTopics.CATALOGUES, r -> "privacy-rights-service".equals(r.key()), 1,
                Duration.ofSeconds(30)));
        Set<String> seen = check(contract, contractRecords);
        assertTrue(seen.containsAll(Set.of(PrivacyCommand.Kind.EXPORT.eventType(), PrivacyCommand.Kind.ERASE.eventType(),
                PrivacyCommand.Kind.EXPORT.resultType(), PrivacyTopics.CATALOGUE_PUBLISHED)), "seen: " + seen);
    }

    /** Checks each record against the catalogue; returns the event types seen. */
    private static Set<String> check(Catalogue catalogue, List<ConsumerRecord<String, String>> records) {
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            String type = KafkaTopics.header(record, "ce_type");
            seen.add(type);
            assertTrue(catalogue.types().containsKey(type), "undocumented event type " + type);
            Set<ValidationMessage> payloadErrors = catalogue.payloadErrors(type, read(record.value()));
            assertTrue(payloadErrors.isEmpty(), type + ": " + payloadErrors + " in " + record.value());
            Set<ValidationMessage> headerErrors = catalogue.headerErrors(type, KafkaTopics.headersAsJson(record));
            assertTrue(headerErrors.isEmpty(), type + " headers: " + headerErrors);
            assertEquals(record.key(), KafkaTopics.header(record, "ce_subject"));
        }
        return seen;
    }

    private static Set<String> constants(Class<?> type) throws IllegalAccessException {
        Set<String> values = new HashSet<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("io.cloudpro.")) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }


    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /**
     * An AsyncAPI document whose messages are checked as JSON Schemas. Each message's schema is the
     * whole document with a root {@code $ref} to the message's payload or headers, so that the
     * {@code #/components/schemas/...} references inside resolve as they do for AsyncAPI tools.
     */
    record Catalogue(JsonNode document, Map<String, String> types) {

        static Catalogue read(Path file) throws IOException {
            JsonNode document = new YAMLMapper().readTree(file.toFile());
            Map<String, String> types = new TreeMap<>();
            document.path("components").path("messages").properties()
                    .forEach(message -> types.put(message.getValue().path("name").asText(), message.getKey()));
            return new Catalogue(document, types);
        }

        Set<ValidationMessage> payloadErrors(String type, JsonNode payload) {
            return schema(type, "payload").validate(payload);
        }

        Set<ValidationMessage> headerErrors(String type, JsonNode headers) {
            return schema(type, "headers").validate(headers);
        }

        private JsonSchema schema(String type, String part) {
            ObjectNode root = document.deepCopy();
            root.put("$ref", "#/components/messages/" + types.get(type) + "/" + part);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root, config);
        }
    }
}
