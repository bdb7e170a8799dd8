package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.mails;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.register;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every attempt is in the history; a login from a network not used for 90 days is flagged and alerted. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class LoginHistoryTest {

    @Test
    void aLoginFromANewNetworkIsFlaggedMailedAndPublished() {
        String email = newEmail();
        String accountId = register(email, "198.51.100.7");

        accessToken(email, "198.51.100.20");             // same /24 as the registration: known
        login(email, "wrong password!", "192.0.2.99");   // a failure is history, not a location
        String token = accessToken(email, "203.0.113.5"); // never seen: new
        accessToken(email, "203.0.113.77");              // same /24 as the one before: known now

        as(token).get("/api/v1/me/logins").then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("items.ip", contains("203.0.113.77", "203.0.113.5", "192.0.2.99", "198.51.100.20"))
                .body("items.outcome", contains("SUCCESS", "SUCCESS", "FAILURE", "SUCCESS"))
                .body("items.newLocation", contains(false, true, false, false));

        MailCatcher.Mail alert = mail(email, "New login");
        assertTrue(alert.body().contains("203.0.113.0/24"), alert.body());
        assertEquals(1, mails(email).stream().filter(m -> m.subject().contains("New login")).count());

        List<ConsumerRecord<String, String>> events = KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()) && IdentityEvents.LOGIN_NEW_LOCATION.equals(KafkaTopics.header(r, "ce_type")),
                1, Duration.ofSeconds(20));
        assertEquals(1, events.size());
        assertTrue(events.get(0).value().contains("\"network\":\"203.0.113.0/24\""), events.get(0).value());
        assertTrue(!events.get(0).value().contains("203.0.113.5"), "the event carries the network, not the address");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnHistory() {
        String mine = newEmail();
        String theirs = newEmail();
        register(mine, "198.51.100.1");
        register(theirs, "198.51.100.2");
        login(theirs, PASSWORD, "198.51.100.2").then().statusCode(200);
        login(theirs, "wrong password!", "198.51.100.2").then().statusCode(401);

        as(accessToken(mine, "198.51.100.1")).get("/api/v1/me/logins").then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items.ip", contains("198.51.100.1"));
    }
}
