package io.cloudpro.platform.mail;

import io.cloudpro.platform.testapp.PlatformTestResource;
import io.cloudpro.testsupport.SmtpStub;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The platform's mail outbox against an SMTP server that is slow or says no. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class MailRelayTest {

    private static final SmtpStub SMTP = PlatformTestResource.SMTP;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void normalServer() {
        SMTP.delayAcceptance(Duration.ZERO);
    }

    @Test
    void aMailIsSentOnceEvenWhenTheServerTakesLongerThanATransactionMayLast() {
        // transactions time out after 3 s in these tests; the server needs 4 s to accept
        SMTP.delayAcceptance(Duration.ofSeconds(4));
        String to = "slow-" + UUID.randomUUID() + "@example.nl";
        queue(to);

        // generous: a busy build machine may need a retry (each attempt holds the server 4 s)
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> SMTP.delivered().contains(to));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not delivered; the relay's outbox row: " + outboxRow(to), e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> queued(to) == 0);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                .until(() -> SMTP.delivered().stream().filter(to::equals).count() == 1);
    }

    @Test
    void aPermanentRejectionIsNotRetried() {
        String to = "rejected-" + UUID.randomUUID() + "@example.nl";
        queue(to);

        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.attemptsFor(to) == 1 && queued(to) == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> SMTP.attemptsFor(to) == 1);
        assertEquals(0, SMTP.delivered().stream().filter(to::equals).count());
    }

    private static void queue(String to) {
        given().contentType(ContentType.JSON).body(Map.of("to", to, "subject", "Test"))
                .post("/api/v1/test/mail").then().statusCode(200);
    }

    /** What the relay recorded about a mail, for a failure message. */
    private Object outboxRow(String to) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        SELECT coalesce(string_agg(concat_ws(' ', 'attempts', attempts, 'next', next_attempt_at,
                                                             'claimed', claimed_until, 'error', last_error), '; '),
                                'none (sent and removed)')
                          FROM mail_outbox WHERE recipient = ?1""")
                .setParameter(1, to).getSingleResult());
    }

    private long queued(String to) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM mail_outbox WHERE recipient = ?1")
                .setParameter(1, to).getSingleResult()).longValue());
    }
}
