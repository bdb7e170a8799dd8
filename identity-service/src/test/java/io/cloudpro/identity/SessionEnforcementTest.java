package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.admin;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every authenticated request checks the live session and the current roles, in one place; every
 * ended session is announced to the other services; refresh races and admin races end well.
 */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class SessionEnforcementTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aRemovedAdminsOldTokenNeitherListsStaffNorCreatesAdmins() {
        String other = IdentityClient.staff("admin");
        as(other).get("/api/v1/staff").then().statusCode(200);
        String id = staffIdOf(other);

        as(admin()).delete("/api/v1/staff/" + id).then().statusCode(204);

        as(other).get("/api/v1/staff").then().statusCode(401);
        as(other).body(Map.of("email", newEmail(), "firstName", "Eve", "lastName", "Il", "roles", List.of("admin")))
                .post("/api/v1/staff").then().statusCode(401);
        as(other).get("/api/v1/operations/outbox").then().statusCode(401);
    }

    @Test
    void aLoggedOutOrDemotedAdminIsRefusedAtOnce() {
        String loggedOut = IdentityClient.staff("admin");
        as(loggedOut).body(Map.of()).post("/api/v1/auth/logout").then().statusCode(204);
        as(loggedOut).get("/api/v1/staff").then().statusCode(401);

        String demoted = IdentityClient.staff("admin");
        as(admin()).body(Map.of("roles", List.of("support"))).put("/api/v1/staff/" + staffIdOf(demoted) + "/roles")
                .then().statusCode(200);
        as(demoted).get("/api/v1/staff").then().statusCode(401);
    }

    @Test
    void aTokenWithoutASessionOfThisServiceIsRefused() {
        // genuine signature, admin role - but minted without an identity-service session
        as(TestTokens.staff("admin").build()).get("/api/v1/staff").then().statusCode(401);
        as(TestTokens.staff("admin").sessionId(UUID.randomUUID().toString()).build()).get("/api/v1/staff")
                .then().statusCode(401);
    }

    @Test
    void everyEndedSessionIsPublishedForTheOtherServices() {
        String email = newEmail();
        register(email, randomIp());
        JsonPath tokens = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().jsonPath();
        String session = claim(tokens.getString("accessToken"), "sid");
        as(tokens.getString("accessToken")).body(Map.of()).post("/api/v1/auth/logout").then().statusCode(204);

        List<ConsumerRecord<String, String>> revoked = KafkaTopics.read(IdentityEvents.SESSIONS_TOPIC,
                r -> r.value().contains(session), 1, Duration.ofSeconds(20));
        assertEquals(1, revoked.size());
        assertEquals(IdentityEvents.SESSION_REVOKED, KafkaTopics.header(revoked.get(0), "ce_type"));
        assertTrue(revoked.get(0).value().contains("\"reason\":\"logout\""), revoked.get(0).value());
        Instant expireBy = Instant.parse(revoked.get(0).value().replaceAll(".*\"tokensExpireBy\":\"([^\"]+)\".*", "$1"));
        assertTrue(expireBy.isAfter(Instant.now().plusSeconds(60)), "kept at least as long as a token lives");
        assertTrue(!revoked.get(0).value().contains(email));
    }

    @Test
    void twoTabsRefreshingWithTheSameTokenKeepTheSessionButALaterReuseEndsIt() throws Exception {
        String email = newEmail();
        register(email, randomIp());
        String refresh = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().path("refreshToken");

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<JsonPath>> tabs = new ArrayList<>();
        for (int tab = 0; tab < 2; tab++) {
            tabs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return from(randomIp()).body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh").then()
                        .statusCode(200).extract().jsonPath();
            }));
        }
        start.countDown();
        JsonPath first = tabs.get(0).get();
        JsonPath second = tabs.get(1).get();
        as(first.getString("accessToken")).get("/api/v1/me").then().statusCode(200);
        as(second.getString("accessToken")).get("/api/v1/me").then().statusCode(200);

        // a minute later the same token comes back: it was copied, and the session ends
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE refresh_token SET spent_at = spent_at - interval '1 minute' WHERE spent_at IS NOT NULL"
                                + " AND session_id = (SELECT session_id FROM refresh_token WHERE token_hash = ?1)")
                .setParameter(1, io.cloudpro.identity.security.OpaqueTokens.hash(refresh)).executeUpdate());
        from(randomIp()).body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh").then().statusCode(401);
        as(first.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
        from(randomIp()).body(Map.of("refreshToken", second.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void twoAdminsRemovingEachOtherAtTheSameMomentLeaveOneAdmin() throws Exception {
        for (int round = 0; round < 3; round++) {
            String b = IdentityClient.staff("admin");
            String c = IdentityClient.staff("admin");
            String bId = staffIdOf(b);
            String cId = staffIdOf(c);
            try {
                // for this round, b and c are the only admins
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                                "UPDATE credential SET roles = 'support' WHERE kind = 'STAFF' AND roles LIKE '%admin%'"
                                        + " AND id NOT IN (?1, ?2)")
                        .setParameter(1, UUID.fromString(bId)).setParameter(2, UUID.fromString(cId)).executeUpdate());
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Integer> bRemovesC = CompletableFuture.supplyAsync(() -> remove(b, cId, start));
                CompletableFuture<Integer> cRemovesB = CompletableFuture.supplyAsync(() -> remove(c, bId, start));
                start.countDown();
                List<Integer> statuses = List.of(bRemovesC.get(), cRemovesB.get());
                assertEquals(1L, liveAdmins(), "one admin is left, answers " + statuses);
                assertEquals(1, statuses.stream().filter(s -> s == 204).count(), "exactly one removal went through: " + statuses);
            } finally {
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                                "UPDATE credential SET roles = 'admin' WHERE email = ?1")
                        .setParameter(1, IdentityTestResource.ADMIN_EMAIL).executeUpdate());
            }
        }
    }

    private static int remove(String token, String staffId, CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return as(token).delete("/api/v1/staff/" + staffId).statusCode();
    }

    private long liveAdmins() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM credential WHERE kind = 'STAFF' AND status IN ('ACTIVE', 'PENDING') AND roles LIKE '%admin%'")
                .getSingleResult()).longValue());
    }

    private static String staffIdOf(String token) {
        return claim(token, "sub");
    }

    private static String claim(String token, String name) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }
}
