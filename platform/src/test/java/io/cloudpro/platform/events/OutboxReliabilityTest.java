package io.cloudpro.platform.events;

import io.cloudpro.infra.KafkaBroker;
import io.cloudpro.platform.testapp.PlatformTestResource;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox under the conditions that break naive ones: transactions that commit out of id order,
 * an event the broker will never take, and a broker that is away while the relay works.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class OutboxReliabilityTest {

    private static final String TOPIC = "test.reliability";
    private static final String TYPE = "io.cloudpro.test.step.v1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    OutboxRelay relay;
    @Inject
    EventOutbox outbox;
    @Inject
    EntityManager entityManager;
    @Inject
    TransactionSynchronizationRegistry transactions;

    @AfterEach
    void everythingBackToNormal() {
        KafkaBroker kafka = TestInfrastructure.get().kafka();
        if (!kafka.isRunning()) {
            kafka.start();
        }
        relay.start();
    }

    @Test
    void oneSubjectsEventsArePublishedInCommitOrderEvenWhenTheirIdsSayOtherwise() throws Exception {
        relay.stop(); // publish only after both committed, so that only the outbox order decides
        String subject = UUID.randomUUID().toString();
        List<String> commitOrder = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch secondCommitted = new CountDownLatch(1);

        // The first transaction writes first (the lower id) but commits as late as it can: after the
        // second one, unless the second one has to wait for it.
        // (its own timeout: the test profile's 3 s would leave too little over the 2 s it waits)
        Thread first = new Thread(() -> QuarkusTransaction.requiringNew().timeout(30).run(() -> {
            step(subject, "first", commitOrder);
            firstWritten.countDown();
            waitFor(secondCommitted, 2);
        }));
        first.start();
        waitFor(firstWritten, 10);
        Thread second = new Thread(() -> {
            QuarkusTransaction.requiringNew().run(() -> step(subject, "second", commitOrder));
            secondCommitted.countDown();
        });
        second.start();
        first.join();
        second.join();
        relay.start();

        List<String> published = KafkaTopics.read(TOPIC, r -> subject.equals(r.key()), 2, WAIT).stream()
                .map(r -> r.value().replaceAll(".*\"step\":\"([a-z]+)\".*", "$1")).toList();
        assertEquals(2, commitOrder.size());
        assertEquals(commitOrder, published, "published in the order the transactions committed");
    }

    @Test
    void anEventKafkaKeepsRefusingIsParkedWithoutHoldingUpOtherSubjectsAndAnOperatorDecides() {
        String stuck = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String huge = "x".repeat(2 * 1024 * 1024); // over the producer's 1 MB record limit
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, TYPE, stuck, Map.of("step", "huge", "filler", huge)));
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, TYPE, stuck, Map.of("step", "after")));
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, TYPE, other, Map.of("step", "unrelated")));

        // the other subject goes out; the refused event is parked and its subject's next one waits
        assertEquals(1, KafkaTopics.read(TOPIC, r -> other.equals(r.key()), 1, WAIT).size());
        String admin = TestTokens.staff("admin").build();
        long parkedId = await().atMost(WAIT).until(() -> parkedIdOf(admin, stuck), id -> id > 0);
        given().auth().oauth2(admin).get("/api/v1/operations/outbox").then()
                .statusCode(200)
                .body("parked.find { it.subject == '" + stuck + "' }.waitingBehind", equalTo(1))
                .body("parked.find { it.subject == '" + stuck + "' }.lastError", containsString("RecordTooLarge"));
        assertTrue(isPending(stuck, "after"), "the subject's later event waits behind the parked one");
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("cloudpro_outbox_parked ")));

        // sent again, it is refused again and parked again
        given().auth().oauth2(admin).post("/api/v1/operations/outbox/parked/" + parkedId + "/retry").then().statusCode(204);
        await().atMost(WAIT).until(() -> parkedIdOf(admin, stuck) == parkedId);

        // dropped, it is gone for good and the subject's later event goes out
        given().auth().oauth2(admin).delete("/api/v1/operations/outbox/parked/" + parkedId).then().statusCode(204);
        given().auth().oauth2(admin).delete("/api/v1/operations/outbox/parked/" + parkedId).then().statusCode(404);
        List<ConsumerRecord<String, String>> after = KafkaTopics.read(TOPIC, r -> stuck.equals(r.key()), 1, WAIT);
        assertEquals(1, after.size());
        assertTrue(after.get(0).value().contains("\"after\""));
    }

    @Test
    void aRelayPassWithTheBrokerAwayIsShortAndHoldsNoTransactionOpen() throws Exception {
        relay.stop();
        KafkaBroker kafka = TestInfrastructure.get().kafka();
        kafka.stop();
        String subject = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            int step = i;
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, TYPE, subject, Map.of("step", "s" + step)));
        }

        AtomicBoolean passing = new AtomicBoolean(true);
        AtomicLong passMillis = new AtomicLong();
        Thread pass = new Thread(() -> {
            long start = System.nanoTime();
            relay.relayBatch();
            passMillis.set((System.nanoTime() - start) / 1_000_000);
            passing.set(false);
        });
        pass.start();
        long sawOpenTransactions = 0;
        while (passing.get()) {
            sawOpenTransactions = Math.max(sawOpenTransactions, openTransactionsOfOthers());
            Thread.sleep(50);
        }
        pass.join();
        assertEquals(0, sawOpenTransactions, "no connection sat idle in a transaction for a second while Kafka was waited for");
        // one send timeout (4 s in the tests) at most, not one per event
        assertTrue(passMillis.get() < 7000, "the pass took " + passMillis.get() + " ms");

        kafka.start();
        relay.start();
        assertEquals(5, KafkaTopics.read(TOPIC, r -> subject.equals(r.key()), 5, WAIT).size());
    }

    private void step(String subject, String step, List<String> commitOrder) {
        outbox.publish(TOPIC, TYPE, subject, Map.of("step", step));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    commitOrder.add(step);
                }
            }
        });
    }

    private static void waitFor(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long parkedIdOf(String admin, String subject) {
        Object id = given().auth().oauth2(admin).get("/api/v1/operations/outbox").then().statusCode(200)
                .extract().path("parked.find { it.subject == '" + subject + "' }.id");
        return id == null ? -1 : ((Number) id).longValue();
    }

    private boolean isPending(String subject, String step) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM event_outbox WHERE event_key = ?1 AND published_at IS NULL AND payload LIKE ?2")
                .setParameter(1, subject).setParameter(2, "%\"" + step + "\"%").getSingleResult()).longValue() == 1);
    }

    private long openTransactionsOfOthers() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()
                           AND state IN ('idle in transaction', 'idle in transaction (aborted)')
                           AND state_change < now() - interval '1 second'""")
                .getSingleResult()).longValue());
    }
}
