package io.cloudpro.platform.events;

import io.cloudpro.infra.KafkaBroker;
import io.cloudpro.platform.testapp.FlakyAckSender;
import io.cloudpro.platform.testapp.NoteEventsConsumer;
import io.cloudpro.platform.testapp.NoteResource;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.platform.testapp.PlatformTestResource;
import io.cloudpro.testsupport.TestInfrastructure;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.cloudpro.testsupport.KafkaTopics.header;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event platform against a real broker: the outbox loses nothing when the broker or the
 * process goes away, and the idempotent consumer gives each event exactly one effect.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class EventPlatformTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    OutboxRelay relay;
    @Inject
    FlakyAckSender sender;
    @Inject
    EntityManager entityManager;
    @Inject
    EventOutbox outbox;

    @AfterEach
    void everythingBackToNormal() {
        KafkaBroker kafka = TestInfrastructure.get().kafka();
        if (!kafka.isRunning()) {
            kafka.start();
        }
        sender.loseNextAcks(0);
        relay.start();
    }

    @Test
    void aCommittedChangeIsPublishedAsACloudEventKeyedByTheDataSubject() {
        String owner = UUID.randomUUID().toString();
        String noteId = createNote(owner, "hello");

        List<ConsumerRecord<String, String>> records = readNotes(owner, 1);
        assertEquals(1, records.size());
        ConsumerRecord<String, String> record = records.get(0);
        assertEquals(owner, record.key());
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals(NoteResource.NOTE_CREATED, header(record, "ce_type"));
        assertEquals("/cloudpro/platform-test", header(record, "ce_source"));
        assertEquals(owner, header(record, "ce_subject"));
        assertEquals("application/json", header(record, "content-type"));
        assertNotNull(UUID.fromString(header(record, "ce_id")));
        assertTrue(Instant.parse(header(record, "ce_time")).isAfter(Instant.now().minusSeconds(60)));
        assertEquals("{\"noteId\":\"" + noteId + "\",\"text\":\"hello\"}", record.value());
    }

    @Test
    void aTopicTheServiceDoesNotDeclareIsRefusedSoDeployAlwaysKnowsEveryTopic() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> outbox.publish("test.undeclared", "io.cloudpro.test.v1",
                        UUID.randomUUID().toString(), Map.of())));
        assertTrue(refused.getMessage().contains("cloudpro.events.produces"), refused.getMessage());
        long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM event_outbox WHERE topic = 'test.undeclared'").getSingleResult()).longValue());
        assertEquals(0, stored);
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        String owner = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.customer().subject(owner).build())
                .contentType(ContentType.JSON).body(Map.of("text", "never happened"))
                .post("/api/v1/test/notes?rollback=true")
                .then().statusCode(409);
        createNote(owner, "after");

        // One subject's events arrive in order: had "never happened" been published, it would come first.
        List<ConsumerRecord<String, String>> records = readNotes(owner, 1);
        assertEquals(1, records.size());
        assertTrue(records.get(0).value().contains("\"after\""));
        assertEquals(0L, count("SELECT count(*) FROM event_outbox WHERE payload LIKE '%never happened%'", null));
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownArriveInOrderWhenItIsBack() {
        KafkaBroker kafka = TestInfrastructure.get().kafka();
        kafka.stop();
        List<String> owners = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        for (int i = 0; i < 12; i++) {
            createNote(owners.get(i % 3), "offline-" + i);
        }
        // The relay tried, failed, and keeps the events.
        await().atMost(WAIT).until(() -> count(
                "SELECT count(*) FROM event_outbox WHERE published_at IS NULL AND last_error IS NOT NULL", null) > 0);
        assertEquals(12L, count("SELECT count(*) FROM event_outbox WHERE published_at IS NULL AND event_key IN ("
                + owners.stream().map(o -> "'" + o + "'").collect(Collectors.joining(",")) + ")", null));

        kafka.start();

        for (int owner = 0; owner < 3; owner++) {
            // Delivery is at least once; order is judged by each event's first arrival.
            Set<String> seen = new HashSet<>();
            List<String> texts = readNotes(owners.get(owner), 4).stream()
                    .filter(r -> seen.add(header(r, "ce_id")))
                    .map(r -> r.value().replaceAll(".*\"text\":\"([^\"]+)\".*", "$1"))
                    .toList();
            List<String> expected = new ArrayList<>();
            for (int i = owner; i < 12; i += 3) {
                expected.add("offline-" + i);
            }
            assertEquals(expected, texts, "every event of subject " + owner + ", in the order written");
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", null) == 0);
    }

    @Test
    void eventsCommittedJustBeforeACrashArePublishedAfterTheRestart() {
        relay.stop(); // the process dies right after its commits: nothing was sent
        String owner = UUID.randomUUID().toString();
        createNote(owner, "before-crash-1");
        createNote(owner, "before-crash-2");
        assertEquals(2L, count("SELECT count(*) FROM event_outbox WHERE published_at IS NULL AND event_key = ?1", owner));

        relay.start(); // the restarted process finds them in the outbox

        List<ConsumerRecord<String, String>> records = readNotes(owner, 2);
        assertEquals(2, records.size());
        assertTrue(records.get(0).value().contains("before-crash-1"));
        assertTrue(records.get(1).value().contains("before-crash-2"));
    }

    @Test
    void anEventSentTwiceBecauseItsAckWasLostHasOneEffect() {
        relay.stop();
        String owner = UUID.randomUUID().toString();
        String noteId = createNote(owner, "ack-lost");
        sender.loseNextAcks(1);
        relay.start();

        // at least once: the broker got the same event twice ...
        List<ConsumerRecord<String, String>> records = readNotes(owner, 2);
        assertEquals(2, records.size());
        assertEquals(header(records.get(0), "ce_id"), header(records.get(1), "ce_id"));
        // ... and the idempotent consumer applied it once
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM processed_event WHERE consumer = ?1 AND event_id = ?2",
                NoteEventsConsumer.CONSUMER, header(records.get(0), "ce_id")) == 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM note_effect WHERE note_id = ?1", UUID.fromString(noteId)) == 1);
    }

    @Test
    void aRedeliveredEventHasOneEffect() {
        String eventId = UUID.randomUUID().toString();
        UUID noteId = UUID.randomUUID();
        for (int delivery = 0; delivery < 3; delivery++) {
            KafkaTopics.send(NoteResource.TOPIC, "someone", "{\"noteId\":\"" + noteId + "\",\"text\":\"again\"}",
                    cloudEventHeaders(eventId));
        }
        String marker = sendGoodEvent(); // handled after the three copies: by then they were all seen

        await().atMost(WAIT).until(() -> effectsOf(UUID.fromString(marker)) == 1);
        assertEquals(1L, effectsOf(noteId));
    }

    @Test
    void anEventThatKeepsFailingGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String poisonId = UUID.randomUUID().toString();
        KafkaTopics.send(NoteResource.TOPIC, "someone", "{\"noteId\":\"" + UUID.randomUUID() + "\",\"text\":\"poison\"}",
                cloudEventHeaders(poisonId));
        KafkaTopics.send(NoteResource.TOPIC, "someone", "not a cloud event", Map.of());
        String next = sendGoodEvent();

        List<ConsumerRecord<String, String>> dead = KafkaTopics.read(NoteResource.TOPIC + ".dlq",
                r -> poisonId.equals(header(r, "ce_id")) || "not a cloud event".equals(r.value()), 2, WAIT);
        assertEquals(2, dead.size(), "both bad records are on the dead-letter topic");
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> poisonId.equals(header(r, "ce_id"))).findFirst().orElseThrow();
        assertEquals("someone", poison.key());
        assertNotNull(header(poison, "dead-letter-reason"));
        await().atMost(WAIT).until(() -> effectsOf(UUID.fromString(next)) == 1);
        assertEquals(0L, count("SELECT count(*) FROM processed_event WHERE event_id = ?1", poisonId),
                "a failed event is not marked as processed");
    }

    @Test
    void operatorsSeeTheOutboxDrain() {
        relay.stop();
        String owner = UUID.randomUUID().toString();
        createNote(owner, "waiting");
        String admin = TestTokens.staff("admin").build();
        given().auth().oauth2(admin).get("/api/v1/operations/outbox").then()
                .statusCode(200)
                .body("pending", equalTo(count("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", null).intValue()));
        relay.start();
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/operations/outbox").then()
                .body("pending", equalTo(0)));
        assertFalse(readNotes(owner, 1).isEmpty());
    }

    private String createNote(String owner, String text) {
        return given().auth().oauth2(TestTokens.customer().subject(owner).build())
                .contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/v1/test/notes")
                .then().statusCode(200)
                .extract().path("id");
    }

    private String sendGoodEvent() {
        String noteId = UUID.randomUUID().toString();
        KafkaTopics.send(NoteResource.TOPIC, "someone", "{\"noteId\":\"" + noteId + "\",\"text\":\"fine\"}",
                cloudEventHeaders(UUID.randomUUID().toString()));
        return noteId;
    }

    private static Map<String, String> cloudEventHeaders(String eventId) {
        return Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type", NoteResource.NOTE_CREATED,
                "ce_source", "/tests", "content-type", "application/json");
    }

    private static List<ConsumerRecord<String, String>> readNotes(String owner, int expected) {
        return KafkaTopics.read(NoteResource.TOPIC, r -> owner.equals(r.key()), expected, Duration.ofSeconds(expected > 1 ? 30 : 20));
    }

    private long effectsOf(UUID noteId) {
        return count("SELECT count(*) FROM note_effect WHERE note_id = ?1", noteId);
    }

    private Long count(String sql, Object parameter, Object... more) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = entityManager.createNativeQuery(sql);
            if (parameter != null) {
                query.setParameter(1, parameter);
            }
            for (int i = 0; i < more.length; i++) {
                query.setParameter(i + 2, more[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }
}
