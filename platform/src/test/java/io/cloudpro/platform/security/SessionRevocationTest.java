package io.cloudpro.platform.security;

import io.cloudpro.platform.testapp.PlatformTestResource;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session that identity-service ended is refused here within seconds, through the platform's
 * consumer of {@code identity.sessions} - not when its access tokens expire.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class SessionRevocationTest {

    @Inject
    EntityManager entityManager;

    @Test
    void tokensOfARevokedSessionAreRefusedWithinSecondsAndOtherSessionsAreNot() {
        String ended = UUID.randomUUID().toString();
        String alive = UUID.randomUUID().toString();
        String endedToken = TestTokens.customer().sessionId(ended).build();
        String aliveToken = TestTokens.customer().sessionId(alive).build();
        given().auth().oauth2(endedToken).get("/api/v1/test/me").then().statusCode(200);

        String eventId = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 2; delivery++) { // delivered twice: one row, same effect
            KafkaTopics.send(SessionRevocationConsumer.TOPIC, "login-1", """
                    {"sessionId":"%s","loginId":"%s","reason":"logout","revokedAt":"%s","tokensExpireBy":"%s"}"""
                            .formatted(ended, UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(660)),
                    Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_source", "/cloudpro/identity-service",
                            "ce_type", SessionRevocationConsumer.SESSION_REVOKED, "content-type", "application/json"));
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(endedToken).get("/api/v1/test/me").then().statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", containsString("Bearer")));
        given().auth().oauth2(aliveToken).get("/api/v1/test/me").then().statusCode(200);
        given().auth().oauth2(TestTokens.customer().build()).get("/api/v1/test/me").then().statusCode(200);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM revoked_session WHERE session_id = ?1")
                .setParameter(1, UUID.fromString(ended)).getSingleResult()).longValue()));
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainOnTheNextRequest() {
        String token = TestTokens.customer().sessionId(UUID.randomUUID().toString()).build();
        double before = cachedVerifications();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/api/v1/test/me").then().statusCode(200);
        }
        assertEquals(4.0, cachedVerifications() - before, 0.5, "four of five requests reused the verification");
    }

    private static double cachedVerifications() {
        String metrics = given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(l -> l.startsWith("cloudpro_jwt_verification_total") && l.contains("result=\"cached\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
