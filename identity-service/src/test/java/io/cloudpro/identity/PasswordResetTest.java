package io.cloudpro.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.linkToken;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.mails;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A forgotten password: a mailed link that works once, for an hour, and ends every session. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class PasswordResetTest {

    @Inject
    EntityManager entityManager;

    @Test
    void theRequestAnswersAlikeForEveryAddressAndOnlyAnAccountGetsALink() {
        String email = newEmail();
        String nobody = newEmail();
        register(email, randomIp());
        from(randomIp()).body(Map.of("email", email)).post("/api/v1/auth/password-reset").then()
                .statusCode(202).body(equalTo(""));
        from(randomIp()).body(Map.of("email", nobody)).post("/api/v1/auth/password-reset").then()
                .statusCode(202).body(equalTo(""));
        assertTrue(mail(email, "Choose a new password").body().contains("reset-password?token="));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> mails(nobody).isEmpty());
    }

    @Test
    void theLinkSetsANewPasswordOnceAndEndsEverySession() {
        String email = newEmail();
        register(email, randomIp());
        JsonPath session = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().jsonPath();
        from(randomIp()).body(Map.of("email", email)).post("/api/v1/auth/password-reset").then().statusCode(202);
        String token = linkToken(mail(email, "Choose a new password"));

        from(randomIp()).body(Map.of("token", token, "password", "my new long passphrase"))
                .post("/api/v1/auth/password-reset/confirm").then().statusCode(204);
        from(randomIp()).body(Map.of("token", token, "password", "yet another passphrase"))
                .post("/api/v1/auth/password-reset/confirm").then()
                .statusCode(400).body("type", equalTo("https://cloudpro.io/problems/invalid-token"));

        as(session.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
        from(randomIp()).body(Map.of("refreshToken", session.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        login(email, PASSWORD, randomIp()).then().statusCode(401);
        login(email, "my new long passphrase", randomIp()).then().statusCode(200);
        mail(email, "password was changed");
    }

    @Test
    void aLinkOlderThanAnHourNoLongerWorks() {
        String email = newEmail();
        register(email, randomIp());
        from(randomIp()).body(Map.of("email", email)).post("/api/v1/auth/password-reset").then().statusCode(202);
        String token = linkToken(mail(email, "Choose a new password"));
        int aged = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "UPDATE one_time_token SET expires_at = now() - interval '1 second' WHERE token_hash = ?1")
                .setParameter(1, io.cloudpro.identity.security.OpaqueTokens.hash(token)).executeUpdate());
        assertEquals(1, aged);
        from(randomIp()).body(Map.of("token", token, "password", "my new long passphrase"))
                .post("/api/v1/auth/password-reset/confirm").then().statusCode(400);
        login(email, PASSWORD, randomIp()).then().statusCode(200);
    }
}
