package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.linkToken;
import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.registration;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opt-in with proof, opt-out from the profile or with one click from a mail, each change published. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class NewsletterTest {

    @Inject
    EntityManager entityManager;

    @Test
    void optInAtRegistrationIsProvenAndTheMailedLinkUnsubscribesWithoutLogin() {
        String email = newEmail();
        Map<String, Object> body = new HashMap<>(registration(email));
        body.put("newsletter", true);
        body.put("privacyNoticeVersion", "2019-01-25");
        String accountId = IdentityClient.register(body, randomIp());
        String token = accessToken(email, randomIp());
        as(token).get("/api/v1/me/newsletter").then()
                .statusCode(200)
                .body("subscribed", equalTo(true))
                .body("privacyNoticeVersion", equalTo("2019-01-25"));

        MailCatcher.Mail confirmation = mail(email, "subscribed to the");
        assertTrue(confirmation.body().contains("https://my.cloudpro.test/newsletter/unsubscribe?token="));
        String unsubscribe = linkToken(confirmation);

        given().formParam("List-Unsubscribe", "One-Click").queryParam("token", unsubscribe)
                .post("/api/v1/newsletter/unsubscribe").then()
                .statusCode(200).body("subscribed", equalTo(false));
        as(token).get("/api/v1/me/newsletter").then().body("subscribed", equalTo(false));

        List<Object[]> proof = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT subscribed, method, privacy_notice_version FROM newsletter_consent WHERE account_id = ?1 ORDER BY changed_at",
                        Object[].class)
                .setParameter(1, UUID.fromString(accountId)).getResultList());
        assertEquals(2, proof.size());
        assertEquals(List.of(true, "REGISTRATION", "2019-01-25"), List.of(proof.get(0)));
        assertEquals(List.of(false, "UNSUBSCRIBE_LINK", "2019-01-25"), List.of(proof.get(1)));

        List<ConsumerRecord<String, String>> events = KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()) && IdentityEvents.NEWSLETTER_CONSENT_CHANGED.equals(KafkaTopics.header(r, "ce_type")),
                2, Duration.ofSeconds(20));
        assertTrue(events.get(0).value().contains("\"subscribed\":true"));
        assertTrue(events.get(1).value().contains("\"method\":\"UNSUBSCRIBE_LINK\""));
    }

    @Test
    void theProfileSwitchesConsentAndAForgedLinkDoesNothing() {
        String email = newEmail();
        String accountId = IdentityClient.register(email, randomIp());
        String token = accessToken(email, randomIp());

        as(token).body(Map.of("subscribed", true)).put("/api/v1/me/newsletter").then()
                .statusCode(200).body("subscribed", equalTo(true));
        given().queryParam("token", accountId + ".forgedsignature").post("/api/v1/newsletter/unsubscribe").then()
                .statusCode(400).body("type", equalTo("https://cloudpro.io/problems/invalid-token"));
        as(token).get("/api/v1/me/newsletter").then().body("subscribed", equalTo(true));

        as(token).body(Map.of("subscribed", false)).put("/api/v1/me/newsletter").then()
                .statusCode(200).body("subscribed", equalTo(false));
    }
}
