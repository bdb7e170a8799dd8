package io.cloudpro.privacy;

import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.cloudpro.privacy.PrivacyClient.awaitStatus;
import static io.cloudpro.privacy.PrivacyClient.customer;
import static io.cloudpro.privacy.PrivacyClient.file;
import static io.cloudpro.privacy.PrivacyClient.mail;
import static io.cloudpro.privacy.PrivacyClient.officer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Erasure per record, and a request that cannot complete while a participant is silent. */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class ErasureAndCompletenessTest {

    @Test
    void anErasureSaysWhatWasErasedAndWhatIsKeptWithTheLawAndTheDate() {
        PrivacyClient.Customer customer = customer();
        String id = file(customer, Map.of("type", "ERASURE", "details", "Please forget me: Jan Jansen, Dorpsstraat 1"));
        JsonPath done = awaitStatus(customer, id, "COMPLETED");
        List<Map<String, Object>> identity = done.getList("outcome.services.findAll { it.service == 'identity-service' }.categories[0]");
        assertTrue(identity.stream().anyMatch(c -> "identity.email".equals(c.get("category")) && "ERASED".equals(c.get("outcome"))));
        Map<String, Object> kept = done.getMap("outcome.services.find { it.service == 'identity-service' }.withheld[0]");
        assertEquals("art. 7(1) GDPR", kept.get("law"));
        assertEquals("2028-01-05T00:00:00Z", kept.get("until"));
        assertTrue(done.getList("outcome.services.find { it.service == 'privacy-rights-service' }.withheld.category")
                .contains("privacy.requests"), "this request itself is kept as proof");

        MailCatcher.Mail answer = mail(customer.email(), "Our answer to your request: erasure");
        assertTrue(answer.body().contains("kept: opt-out of 2026-01-05 (identity.newsletter-consent)"), answer.body());
        assertTrue(answer.body().contains("art. 7(1) GDPR, until 5 January 2028"), answer.body());
        assertTrue(answer.body().contains("Autoriteit Persoonsgegevens"));

        // the person's own words went when the case closed; the officer still sees what happened
        JsonPath seen = officer().get("/api/v1/privacy/officer/requests/" + id).then().statusCode(200).extract().jsonPath();
        assertNull(seen.getString("details"));
        assertTrue(seen.getList("history.kind").containsAll(List.of("request.received", "subject.looked-up", "command.sent",
                "participant.answered", "request.completed")));

        List<ConsumerRecord<String, String>> completed = KafkaTopics.read("privacy.requests", r -> id.equals(r.key())
                && "io.cloudpro.privacy.request.completed.v1".equals(KafkaTopics.header(r, "ce_type")), 1, Duration.ofSeconds(30));
        assertEquals(1, completed.size());
        assertFalse(completed.get(0).value().contains(customer.email()), "events carry ids only");
        assertTrue(completed.get(0).value().contains(customer.person().accountId().toString()));
    }

    @Test
    void aSilentParticipantIsAskedAgainAndShownAndTheRequestCompletesOnceItAnswersWithOneEffect() {
        IdentitySimulator simulator = IdentitySimulator.get();
        simulator.silent(true);
        String id;
        UUID commandId;
        try {
            PrivacyClient.Customer customer = customer();
            id = file(customer, Map.of("type", "ERASURE"));
            String requestId = id;
            JsonPath waiting = await().atMost(Duration.ofSeconds(40)).until(() -> officer()
                            .get("/api/v1/privacy/officer/requests/" + requestId).then().extract().jsonPath(),
                    json -> json.get("participants.find { it.service == 'identity-service' }.attempts") instanceof Integer n
                            && n >= 3);
            assertEquals("IN_PROGRESS", waiting.getString("status"));
            assertEquals(List.of("identity-service"), waiting.getList("silent"));
            assertEquals("WAITING", waiting.getString("participants.find { it.service == 'identity-service' }.state"));
            assertEquals("ANSWERED", waiting.getString("participants.find { it.service == 'privacy-rights-service' }.state"));
            assertTrue(waiting.getList("history.kind").contains("command.resent"));
            commandId = UUID.fromString(waiting.getString("history.find { it.kind == 'command.sent' }.details.commandId"));
            assertTrue(simulator.received(commandId));
            List<Map<String, Object>> queue = officer().get("/api/v1/privacy/officer/requests?size=100").then().statusCode(200)
                    .extract().jsonPath().getList("items");
            assertTrue(queue.stream().anyMatch(e -> requestId.equals(e.get("id"))
                    && List.of("identity-service").equals(e.get("silent"))));
        } finally {
            simulator.silent(false);
        }
        PrivacyClient.awaitOfficerStatus(id, "COMPLETED");
        assertEquals(1, simulator.effects(commandId), "sent several times, erased once");
    }

    @Test
    void requestsFiledTogetherAreEachLookedUpAndSentOnceAndAllComplete() throws Exception {
        List<PrivacyClient.Customer> customers = IntStream.range(0, 8).mapToObj(i -> PrivacyClient.customer()).toList();
        ExecutorService filing = Executors.newFixedThreadPool(customers.size());
        List<Future<String>> filed = new ArrayList<>();
        try {
            for (PrivacyClient.Customer customer : customers) {
                filed.add(filing.submit(() -> file(customer, Map.of("type", "ERASURE"))));
            }
            for (int i = 0; i < customers.size(); i++) {
                String id = filed.get(i).get();
                awaitStatus(customers.get(i), id, "COMPLETED");
                List<String> history = officer().get("/api/v1/privacy/officer/requests/" + id).then().statusCode(200)
                        .extract().jsonPath().getList("history.kind");
                assertEquals(1, history.stream().filter("subject.looked-up"::equals).count(), history.toString());
                assertEquals(1, history.stream().filter("command.sent"::equals).count(), history.toString());
            }
        } finally {
            filing.shutdown();
        }
        assertTrue(officer().get("/api/v1/privacy/history/verification").then().statusCode(200).extract().jsonPath()
                .getBoolean("intact"), "lookups in parallel still append to one unbroken chain");
    }

    @Test
    void whileIdentityServiceCannotSayWhomARequestIsAboutTheRequestWaitsAndThenGoesOn() {
        IdentitySimulator simulator = IdentitySimulator.get();
        simulator.lookupsDown(true);
        String id;
        PrivacyClient.Customer customer = customer();
        try {
            id = file(customer, Map.of("type", "RESTRICTION"));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> "RECEIVED".equals(
                    customer.call().get("/api/v1/privacy/requests/" + id).then().extract().path("status")));
        } finally {
            simulator.lookupsDown(false);
        }
        awaitStatus(customer, id, "COMPLETED");
    }
}
