package io.cloudpro.privacy;

import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.privacy.PrivacyClient.awaitOfficerStatus;
import static io.cloudpro.privacy.PrivacyClient.awaitStatus;
import static io.cloudpro.privacy.PrivacyClient.customer;
import static io.cloudpro.privacy.PrivacyClient.file;
import static io.cloudpro.privacy.PrivacyClient.mail;
import static io.cloudpro.privacy.PrivacyClient.officer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy officer's decisions: extension, refusal, rectification, objection, lifting a restriction. */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class OfficerDecisionsTest {

    @Inject
    EntityManager entityManager;

    /** A request the simulated identity-service leaves unanswered, so that it stays open for the officer. */
    static String openRequest(PrivacyClient.Customer customer, Map<String, Object> body) {
        return file(customer, body);
    }

    @Test
    void anExtensionIsOnceWithinTheFirstMonthAndToldToThePersonWithTheReasons() {
        IdentitySimulator.get().silent(true);
        try {
            PrivacyClient.Customer customer = customer();
            String id = openRequest(customer, Map.of("type", "ACCESS"));
            LocalDate received = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
            officer().body(Map.of("months", 2, "reasons", "We hold ten years of invoices and tickets to go through."))
                    .post("/api/v1/privacy/officer/requests/" + id + "/extend").then().statusCode(200)
                    .body("dueOn", equalTo(received.plusMonths(1).toString()))
                    .body("extendedTo", equalTo(received.plusMonths(3).toString()))
                    .body("deadline", equalTo(received.plusMonths(3).toString()));
            MailCatcher.Mail told = mail(customer.email(), "We need more time");
            assertTrue(told.body().contains("ten years of invoices"), told.body());
            assertTrue(told.body().contains("Autoriteit Persoonsgegevens"));
            customer.call().get("/api/v1/privacy/requests/" + id).then().body("extendedTo", equalTo(received.plusMonths(3).toString()));

            officer().body(Map.of("months", 1, "reasons", "again")).post("/api/v1/privacy/officer/requests/" + id + "/extend")
                    .then().statusCode(409).contentType("application/problem+json");
            officer().body(Map.of("months", 3, "reasons", "too long")).post("/api/v1/privacy/officer/requests/" + id + "/extend")
                    .then().statusCode(400);

            // past the first month an extension can no longer be told in time
            String late = openRequest(customer(), Map.of("type", "ERASURE"));
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "UPDATE dsr_request SET received_on = received_on - 40, due_on = due_on - 40 WHERE id = ?1")
                    .setParameter(1, UUID.fromString(late)).executeUpdate());
            officer().body(Map.of("months", 1, "reasons", "late")).post("/api/v1/privacy/officer/requests/" + late + "/extend")
                    .then().statusCode(409);
            // and it is overdue, standing out in the queue
            JsonPath queue = officer().get("/api/v1/privacy/officer/requests?size=100").then().statusCode(200).extract().jsonPath();
            assertEquals(true, queue.getBoolean("items.find { it.id == '" + late + "' }.overdue"));
            assertEquals(late, queue.getString("items[0].id"), "the most overdue first");
            // the officer's mailbox gets the daily digest
            MailCatcher.Mail digest = mail("privacy@cloudpro.io", "past their deadline");
            assertTrue(digest.body().contains(late));
        } finally {
            IdentitySimulator.get().silent(false);
        }
    }

    @Test
    void aRefusalGivesTheReasonAndTheRightToComplainToTheApOrGoToCourt() {
        IdentitySimulator.get().silent(true);
        try {
            PrivacyClient.Customer customer = customer();
            String id = openRequest(customer, Map.of("type", "ACCESS"));
            officer().body(Map.of("reason", "EXCESSIVE", "explanation", "This is the twelfth request this month."))
                    .post("/api/v1/privacy/officer/requests/" + id + "/refuse").then().statusCode(200)
                    .body("status", equalTo("REFUSED"));
            JsonPath seen = customer.call().get("/api/v1/privacy/requests/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals("EXCESSIVE", seen.getString("refusal.reason"));
            assertTrue(seen.getString("refusal.complaintRights").contains("Autoriteit Persoonsgegevens"));
            assertTrue(seen.getString("refusal.complaintRights").contains("court"));
            MailCatcher.Mail refused = mail(customer.email(), "refused");
            assertTrue(refused.body().contains("excessive"), refused.body());
            assertTrue(refused.body().contains("twelfth request"));
            assertTrue(refused.body().contains("Autoriteit Persoonsgegevens") && refused.body().contains("court"));
            officer().body(Map.of("reason", "EXCESSIVE")).post("/api/v1/privacy/officer/requests/" + id + "/refuse")
                    .then().statusCode(409);
        } finally {
            IdentitySimulator.get().silent(false);
        }
    }

    @Test
    void aRectificationWaitsForTheOfficerAndNamesTheRecipientsOfTheOldValues() {
        PrivacyClient.Customer customer = customer();
        // SIDN received the name and address when a domain was registered
        KafkaTopics.sendEvent("privacy.disclosures", customer.person().accountId().toString(), "io.cloudpro.privacy.disclosure.v1",
                "{\"disclosureId\":\"" + UUID.randomUUID() + "\",\"service\":\"order-service\",\"subjectId\":\""
                        + customer.person().accountId() + "\",\"recipient\":\"SIDN\",\"categories\":[\"identity.name-address\"],"
                        + "\"fields\":[\"lastName\",\"street\"],\"basis\":\"contract\",\"reference\":\"jansen.nl\","
                        + "\"disclosedAt\":\"" + Instant.now() + "\"}");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> officer()
                .get("/api/v1/privacy/disclosures?subjectId=" + customer.person().accountId()).then().statusCode(200)
                .extract().jsonPath().getInt("total") == 1);
        String id = file(customer, Map.of("type", "RECTIFICATION", "requestedChanges", Map.of("lastName", "Jansen-de Vries")));
        awaitStatus(customer, id, "AWAITING_DECISION");
        officer().body(Map.of("corrections", Map.of("lastName", "Jansen-de Vries")))
                .post("/api/v1/privacy/officer/requests/" + id + "/rectify").then().statusCode(200);
        JsonPath done = awaitStatus(customer, id, "COMPLETED");
        assertEquals(List.of("lastName"), done.getList("outcome.services.find { it.service == 'identity-service' }.changedFields"));
        assertEquals(List.of("SIDN"), done.getList("outcome.recipientsToInform"));
        assertTrue(mail(customer.email(), "Our answer to your request: correction").body().contains("SIDN"));
    }

    @Test
    void anObjectionToDirectMarketingNeedsNoDecisionAndOthersWaitForIt() {
        PrivacyClient.Customer customer = customer();
        String marketing = file(customer, Map.of("type", "OBJECTION", "processing", "direct-marketing"));
        JsonPath stopped = awaitStatus(customer, marketing, "COMPLETED");
        assertEquals("STOPPED", stopped.getString("outcome.services.find { it.service == 'identity-service' }.categories[0].outcome"));

        String history = file(customer, Map.of("type", "OBJECTION", "processing", "identity.login-history",
                "details", "I do not want my IP addresses kept."));
        awaitStatus(customer, history, "AWAITING_DECISION");
        officer().body(Map.of("upheld", false, "reasons", "The history protects your account against takeover."))
                .post("/api/v1/privacy/officer/requests/" + history + "/objection-decision").then().statusCode(200);
        JsonPath decided = awaitOfficerStatus(history, "COMPLETED");
        assertEquals(false, decided.getBoolean("decision.upheld"));
        assertEquals("RECORDED", decided.getString("outcome.services.find { it.service == 'identity-service' }.categories[0].outcome"));
        assertTrue(decided.getList("history.kind").contains("decision.objection"));
    }

    @Test
    void aRestrictionIsLiftedOnlyAfterThePersonWasTold() {
        PrivacyClient.Customer customer = customer();
        String id = file(customer, Map.of("type", "RESTRICTION"));
        awaitStatus(customer, id, "COMPLETED");
        officer().body(Map.of("reason", "The accuracy of your address was checked and confirmed."))
                .post("/api/v1/privacy/officer/requests/" + id + "/lift-restriction").then().statusCode(200);
        MailCatcher.Mail notice = mail(customer.email(), "We will lift the restriction");
        assertTrue(notice.body().contains("accuracy of your address"));
        MailCatcher.Mail lifted = mail(customer.email(), "restriction of your data is lifted");
        assertTrue(lifted.receivedAt().isAfter(notice.receivedAt()));
        JsonPath after = officer().get("/api/v1/privacy/officer/requests/" + id).then().extract().jsonPath();
        assertTrue(after.getList("participants.command").contains("LIFT_RESTRICTION"));
        assertTrue(after.getList("history.kind").containsAll(List.of("decision.lift-restriction", "restriction.lifted")));
        officer().body(Map.of("reason", "again")).post("/api/v1/privacy/officer/requests/" + id + "/lift-restriction")
                .then().statusCode(409);
    }

    @Test
    void onlyThePrivacyOfficerDecidesAdminsMayLookAndCustomersNeither() {
        String admin = TestTokens.staff("admin").build();
        given().auth().oauth2(admin).get("/api/v1/privacy/officer/requests").then().statusCode(200);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "EXCESSIVE"))
                .post("/api/v1/privacy/officer/requests/" + UUID.randomUUID() + "/refuse").then().statusCode(403);
        customer().call().get("/api/v1/privacy/officer/requests").then().statusCode(403);
        officer().get("/api/v1/privacy/officer/requests/" + UUID.randomUUID()).then().statusCode(404);
        officer().body(Map.of("reason", "NO_SUCH_REASON")).post("/api/v1/privacy/officer/requests/" + UUID.randomUUID() + "/refuse")
                .then().statusCode(400);
        officer().get("/api/v1/privacy/officer/requests?size=1000").then().statusCode(400)
                .body("errors.field", hasItem("size"));
    }

}
