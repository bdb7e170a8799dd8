package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.linkToken;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password change, e-mail change, closing the account. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class AccountLifecycleTest {

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsEveryOtherSession() {
        String email = newEmail();
        register(email, randomIp());
        JsonPath laptop = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().jsonPath();
        JsonPath phone = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().jsonPath();

        as(laptop.getString("accessToken")).body(Map.of("currentPassword", "a wrong guess", "newPassword", "a brand new passphrase"))
                .post("/api/v1/me/password").then()
                .statusCode(403).body("type", equalTo("https://cloudpro.io/problems/wrong-password"));
        as(laptop.getString("accessToken")).body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .post("/api/v1/me/password").then()
                .statusCode(400).body("errors[0].field", equalTo("newPassword"));
        as(laptop.getString("accessToken")).body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"))
                .post("/api/v1/me/password").then().statusCode(204);

        as(laptop.getString("accessToken")).get("/api/v1/me").then().statusCode(200);
        as(phone.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
        from(randomIp()).body(Map.of("refreshToken", phone.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        login(email, PASSWORD, randomIp()).then().statusCode(401);
        login(email, "a brand new passphrase", randomIp()).then().statusCode(200);
    }

    @Test
    void aNewEmailAddressIsUsedOnlyOnceConfirmedAndTheOldOneIsWarned() {
        String oldEmail = newEmail();
        String accountId = register(oldEmail, randomIp());
        String token = accessToken(oldEmail, randomIp());
        String newEmail = newEmail();

        as(token).body(Map.of("newEmail", newEmail, "password", PASSWORD)).post("/api/v1/me/email").then().statusCode(202);
        mail(oldEmail, "is being changed");
        login(newEmail, PASSWORD, randomIp()).then().statusCode(401); // not yet

        String confirm = linkToken(mail(newEmail, "Confirm your new e-mail address"));
        from(randomIp()).body(Map.of("token", confirm)).post("/api/v1/accounts/verify-email").then().statusCode(204);

        login(newEmail, PASSWORD, randomIp()).then().statusCode(200);
        login(oldEmail, PASSWORD, randomIp()).then().statusCode(401);
        as(token).get("/api/v1/me").then().body("email", equalTo(newEmail)).body("emailVerified", equalTo(true));
        List<ConsumerRecord<String, String>> updates = KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()) && IdentityEvents.ACCOUNT_UPDATED.equals(KafkaTopics.header(r, "ce_type")),
                1, Duration.ofSeconds(20));
        assertTrue(updates.get(0).value().contains("[\"email\"]"), updates.get(0).value());
    }

    @Test
    void closingTheAccountEndsEveryLoginAndIsPublished() {
        String email = newEmail();
        Map<String, Object> body = new HashMap<>(registration(email));
        body.put("newsletter", true);
        String ip = randomIp(); // one network throughout: no new-location event in between
        String accountId = IdentityClient.register(body, ip);
        String token = accessToken(email, ip);

        as(token).body(Map.of("password", "not my password")).delete("/api/v1/me").then()
                .statusCode(403).body("type", equalTo("https://cloudpro.io/problems/wrong-password"));
        as(token).body(Map.of("password", PASSWORD)).delete("/api/v1/me").then().statusCode(204);

        as(token).get("/api/v1/me").then().statusCode(401);
        login(email, PASSWORD, randomIp()).then().statusCode(401)
                .body("type", equalTo("https://cloudpro.io/problems/invalid-credentials"));
        mail(email, "account is closed");

        List<ConsumerRecord<String, String>> events = KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()), 4, Duration.ofSeconds(20));
        List<String> types = events.stream().map(r -> KafkaTopics.header(r, "ce_type")).toList();
        assertEquals(List.of(IdentityEvents.ACCOUNT_REGISTERED, IdentityEvents.NEWSLETTER_CONSENT_CHANGED,
                IdentityEvents.NEWSLETTER_CONSENT_CHANGED, IdentityEvents.ACCOUNT_CLOSED), types);
        assertTrue(events.get(2).value().contains("\"subscribed\":false"));
        assertTrue(events.get(2).value().contains("\"method\":\"ACCOUNT_CLOSED\""));

        // the address is free again for a new account
        register(email, randomIp());
    }
}
