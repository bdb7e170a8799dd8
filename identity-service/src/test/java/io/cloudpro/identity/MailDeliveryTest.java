package io.cloudpro.identity;

import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mail waits in the database while the SMTP server is away, and goes out when it is back. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class MailDeliveryTest {

    @Inject
    EntityManager entityManager;

    @Test
    void mailQueuedDuringAnSmtpOutageIsSentWhenTheServerIsBack() {
        MailCatcher smtp = TestInfrastructure.get().mail();
        String email = newEmail();
        smtp.stopSmtp();
        try {
            IdentityClient.from(randomIp()).body(registration(email)).post("/api/v1/accounts").then().statusCode(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    ((Number) entityManager.createNativeQuery(
                                    "SELECT count(*) FROM mail_outbox WHERE recipient = ?1 AND attempts > 0")
                            .setParameter(1, email).getSingleResult()).longValue() == 1));
        } finally {
            smtp.startSmtp();
        }
        assertTrue(mail(email, "Confirm your e-mail address").body().contains("verify-email?token="));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("SELECT count(*) FROM mail_outbox WHERE recipient = ?1")
                        .setParameter(1, email).getSingleResult()).longValue() == 0));
    }
}
