package io.cloudpro.privacy;

import io.cloudpro.platform.privacy.PrivacyCommand;
import io.cloudpro.platform.privacy.PrivacyTopics;
import io.cloudpro.privacy.messaging.PrivacyRightsEvents;
import io.cloudpro.testsupport.AsyncApiCatalogue;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    static AsyncApiCatalogue own;
    static AsyncApiCatalogue contract;

    @BeforeAll
    static void readCatalogues() {
        own = AsyncApiCatalogue.read(Path.of("src/main/asyncapi/privacy-rights-events.yaml"));
        contract = AsyncApiCatalogue.read(Path.of("../platform/src/main/asyncapi/privacy-contract.yaml"));
    }

    @Test
    void bothCataloguesAreAsyncApi3DocumentsThatListEveryEventTypeOfTheCode() {
        assertEquals("3.0.0", own.document().path("asyncapi").asText());
        assertEquals("3.0.0", contract.document().path("asyncapi").asText());
        Set<String> ownTypes = AsyncApiCatalogue.eventTypes(PrivacyRightsEvents.class);
        ownTypes.add(PrivacyTopics.STATEMENT_PUBLISHED);
        assertEquals(ownTypes, own.types().keySet());

        Set<String> contractTypes = AsyncApiCatalogue.eventTypes(PrivacyTopics.class);
        contractTypes.remove(PrivacyTopics.STATEMENT_PUBLISHED);
        for (PrivacyCommand.Kind kind : PrivacyCommand.Kind.values()) {
            contractTypes.add(kind.eventType());
            contractTypes.add(kind.resultType());
        }
        assertEquals(contractTypes, contract.types().keySet());
        Set<String> addresses = new HashSet<>();
        contract.document().path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertEquals(Set.of(PrivacyTopics.COMMANDS, PrivacyTopics.RESULTS, PrivacyTopics.CATALOGUES, PrivacyTopics.ERASURES,
                PrivacyTopics.DISCLOSURES, PrivacyTopics.HOLDS, PrivacyTopics.POLICIES), addresses);
    }

    @Test
    void theSchemasRejectWhatTheyShould() {
        String received = PrivacyRightsEvents.REQUEST_RECEIVED;
        String valid = "{\"requestId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\",\"type\":\"ACCESS\",\"channel\":\"EMAIL\","
                + "\"receivedAt\":\"2026-11-25T10:00:00Z\",\"dueOn\":\"2026-12-25\"}";
        assertTrue(own.payloadErrors(received, valid).isEmpty());
        assertFalse(own.payloadErrors(received, valid.replace("}", ",\"email\":\"jan@example.nl\"}")).isEmpty(),
                "no personal data beyond ids");
        assertFalse(own.payloadErrors(received, valid.replace("ACCESS", "GOSSIP")).isEmpty());
        String erase = PrivacyCommand.Kind.ERASE.eventType();
        String command = "{\"commandId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f10\",\"kind\":\"ERASE\","
                + "\"subject\":{\"subjectId\":\"4f7b3a52-1c0e-4f8e-9a57-2b1d6c1e9f11\"},\"issuedAt\":\"2026-11-25T10:00:00Z\"}";
        assertTrue(contract.payloadErrors(erase, command).isEmpty());
        assertFalse(contract.payloadErrors(erase, command.replace("\"subjectId\"", "\"email\":\"a@b.nl\",\"subjectId\""))
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

        // read until every documented type has come by: a count could stop short of the last one relayed
        List<ConsumerRecord<String, String>> ownRecords = new ArrayList<>(KafkaTopics.read(PrivacyTopics.STATEMENTS,
                r -> "privacy-statement".equals(r.key()), 1, Duration.ofSeconds(30)));
        Set<String> expected = new HashSet<>(own.types().keySet());
        ownRecords.forEach(statement -> expected.remove(KafkaTopics.header(statement, "ce_type")));
        ownRecords.addAll(KafkaTopics.readUntil(PrivacyRightsEvents.TOPIC,
                r -> Set.of(completed, erased, refused, complaint).contains(r.key()),
                found -> typesOf(found).containsAll(expected), Duration.ofSeconds(30)));
        assertEquals(own.types().keySet(), own.check(ownRecords), "every documented event was published and checked");

        // an export command sent again (no answer within the retry time) must not hide the erase command
        List<ConsumerRecord<String, String>> contractRecords = new ArrayList<>(KafkaTopics.readUntil(PrivacyTopics.COMMANDS,
                r -> r.value().contains(completed) || r.value().contains(erased),
                found -> typesOf(found).containsAll(Set.of(PrivacyCommand.Kind.EXPORT.eventType(), PrivacyCommand.Kind.ERASE.eventType())),
                Duration.ofSeconds(30)));
        // this service is a participant too: its own answers and its catalogue
        contractRecords.addAll(KafkaTopics.read(PrivacyTopics.RESULTS, r -> r.value().contains(completed)
                && "/cloudpro/privacy-rights-service".equals(KafkaTopics.header(r, "ce_source")), 1, Duration.ofSeconds(30)));
        contractRecords.addAll(KafkaTopics.read(PrivacyTopics.CATALOGUES, r -> "privacy-rights-service".equals(r.key()), 1,
                Duration.ofSeconds(30)));
        Set<String> seen = contract.check(contractRecords);
        assertTrue(seen.containsAll(Set.of(PrivacyCommand.Kind.EXPORT.eventType(), PrivacyCommand.Kind.ERASE.eventType(),
                PrivacyCommand.Kind.EXPORT.resultType(), PrivacyTopics.CATALOGUE_PUBLISHED)), "seen: " + seen);
    }

    private static Set<String> typesOf(List<ConsumerRecord<String, String>> records) {
        Set<String> types = new HashSet<>();
        records.forEach(record -> types.add(KafkaTopics.header(record, "ce_type")));
        return types;
    }
}
