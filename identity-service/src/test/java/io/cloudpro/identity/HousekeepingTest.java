package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.identity.security.PasswordHasher;
import io.cloudpro.identity.service.TokenHousekeeping;
import io.cloudpro.identity.service.UnconfirmedRegistrations;
import io.cloudpro.testsupport.KafkaTopics;
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

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static io.cloudpro.identity.IdentityClient.registerUnconfirmed;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registrations nobody confirmed, and spent or expired tokens, do not linger. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class HousekeepingTest {

    @Inject
    EntityManager entityManager;
    @Inject
    UnconfirmedRegistrations unconfirmed;
    @Inject
    TokenHousekeeping housekeeping;
    @Inject
    PasswordHasher hasher;

    @Test
    void anUnconfirmedRegistrationExpiresAfter48HoursAndFreesTheAddress() {
        String email = newEmail();
        String squatted = registerUnconfirmed(registration(email), randomIp());
        from(randomIp()).body(registration(email)).post("/api/v1/accounts").then().statusCode(409); // still held
        age(squatted, Duration.ofHours(49));

        // the owner of the mailbox registers: the expired registration gives way at once
        String mine = register(email, randomIp());
        assertNotEquals(squatted, mine);
        assertEquals(0L, count("SELECT count(*) FROM account WHERE id = ?1", UUID.fromString(squatted)));
        login(email, PASSWORD, randomIp()).then().statusCode(200);
        assertEquals(1, KafkaTopics.read(IdentityEvents.TOPIC, r -> squatted.equals(r.key())
                && IdentityEvents.REGISTRATION_EXPIRED.equals(KafkaTopics.header(r, "ce_type")), 1, Duration.ofSeconds(20)).size());
    }

    @Test
    void theHourlyJobDeletesExpiredRegistrationsWithEverythingTheyLeft() {
        String expired = registerUnconfirmed(registration(newEmail()), randomIp());
        String recent = registerUnconfirmed(registration(newEmail()), randomIp());
        age(expired, Duration.ofHours(49));

        assertTrue(unconfirmed.expireBatch(Instant.now().minus(Duration.ofHours(48))) >= 1);

        UUID gone = UUID.fromString(expired);
        assertEquals(0L, count("SELECT count(*) FROM account WHERE id = ?1", gone));
        assertEquals(0L, count("SELECT count(*) FROM credential WHERE account_id = ?1", gone));
        assertEquals(0L, count("SELECT count(*) FROM login_attempt WHERE credential_id = ?1", gone));
        assertEquals(0L, count("SELECT count(*) FROM one_time_token WHERE credential_id = ?1", gone));
        assertEquals(1L, count("SELECT count(*) FROM account WHERE id = ?1", UUID.fromString(recent)));
    }

    @Test
    void spentAndExpiredTokensAndEndedSessionsAreDeleted() {
        String email = newEmail();
        String accountId = register(email, randomIp());
        String refresh = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().path("refreshToken");
        from(randomIp()).body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh").then().statusCode(200);
        String live = login(email, PASSWORD, randomIp()).then().statusCode(200).extract().path("refreshToken");
        UUID login = UUID.fromString(accountId);
        // make the first session's tokens and the used verification link old
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("UPDATE refresh_token SET spent_at = now() - interval '2 days'"
                    + " WHERE token_hash = ?1").setParameter(1, io.cloudpro.identity.security.OpaqueTokens.hash(refresh))
                    .executeUpdate();
            entityManager.createNativeQuery("UPDATE session SET expires_at = now() - interval '1 second' WHERE id ="
                    + " (SELECT session_id FROM refresh_token WHERE token_hash = ?1)")
                    .setParameter(1, io.cloudpro.identity.security.OpaqueTokens.hash(refresh)).executeUpdate();
        });
        long usedLinks = count("SELECT count(*) FROM one_time_token WHERE credential_id = ?1", login);
        assertTrue(usedLinks >= 1);

        TokenHousekeeping.Removed removed = housekeeping.removeSpentAndExpired();

        assertTrue(removed.sessions() >= 1 && removed.refreshTokens() >= 1 && removed.oneTimeTokens() >= 1, removed.toString());
        assertEquals(0L, count("SELECT count(*) FROM one_time_token WHERE credential_id = ?1", login));
        assertEquals(1L, count("SELECT count(*) FROM session WHERE credential_id = ?1", login), "the live session stays");
        from(randomIp()).body(Map.of("refreshToken", live)).post("/api/v1/auth/refresh").then().statusCode(200);
    }

    @Test
    void noPasswordIsHashedInsideADatabaseTransaction() {
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> hasher.hash("a password")));
    }

    private void age(String accountId, Duration by) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE credential SET created_at = created_at - make_interval(hours => ?1) WHERE account_id = ?2")
                .setParameter(1, (int) by.toHours()).setParameter(2, UUID.fromString(accountId)).executeUpdate());
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
