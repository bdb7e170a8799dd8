package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.linkToken;
import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class RegistrationTest {

    @Test
    void aCustomerRegistersConfirmsTheAddressFromTheMailAndSeesTheirProfile() {
        String email = newEmail();
        Map<String, Object> body = new HashMap<>(registration(email.toUpperCase()));
        body.put("address", Map.of("street", "Dorpsstraat 1", "postalCode", "5042cr", "city", "Tilburg", "country", "NL"));
        body.put("company", Map.of("name", "Jansen Hosting B.V.", "vatId", "NL181702587B02", "kvkNumber", "27347391",
                "address", Map.of("street", "Markt 2", "postalCode", "5041 AA", "city", "Tilburg", "country", "NL")));
        String accountId = from(randomIp()).body(body).post("/api/v1/accounts").then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/me"))
                .body("email", equalTo(email))
                .body("emailVerified", equalTo(false))
                .body("address.postalCode", equalTo("5042 CR"))
                .body("company.vatId", equalTo("NL181702587B02"))
                .extract().path("accountId");

        String token = linkToken(mail(email, "Confirm your e-mail address"));
        from(randomIp()).body(Map.of("token", token)).post("/api/v1/accounts/verify-email").then().statusCode(204);
        from(randomIp()).body(Map.of("token", token)).post("/api/v1/accounts/verify-email").then()
                .statusCode(400).body("type", equalTo("https://cloudpro.io/problems/invalid-token"));

        as(accessToken(email, randomIp())).get("/api/v1/me").then()
                .statusCode(200)
                .body("accountId", equalTo(accountId))
                .body("role", equalTo("OWNER"))
                .body("emailVerified", equalTo(true))
                .body("firstName", equalTo("Jan"))
                .body("phone", equalTo("+31135000000"))
                .body("company.name", equalTo("Jansen Hosting B.V."))
                .body("company.address.city", equalTo("Tilburg"))
                .body("newsletterSubscribed", equalTo(false));

        List<ConsumerRecord<String, String>> events = KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(IdentityEvents.ACCOUNT_REGISTERED, KafkaTopics.header(events.get(0), "ce_type"));
        assertTrue(events.get(0).value().contains("\"company\":true"));
        assertTrue(!events.get(0).value().contains(email), "no e-mail address in the event");
    }

    @Test
    void invalidDutchFormatsAreRejectedFieldByField() {
        Map<String, Object> body = new HashMap<>(registration(newEmail()));
        body.put("address", Map.of("street", "Dorpsstraat 1", "postalCode", "0123 AB", "city", "Tilburg", "country", "NL"));
        body.put("phone", "0612345678");
        body.put("password", "too short");
        body.put("company", Map.of("name", "X", "vatId", "NL181702588B02", "kvkNumber", "1234",
                "address", Map.of("street", "Markt 2", "postalCode", "5041 AA", "city", "Tilburg", "country", "XX")));
        from(randomIp()).body(body).post("/api/v1/accounts").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://cloudpro.io/problems/validation"))
                .body("errors.field", containsInAnyOrder("address.postalCode", "phone", "password",
                        "company.vatId", "company.kvkNumber", "company.address.country"));
    }

    @Test
    void aSecondAccountForTheSameAddressIsAConflict() {
        String email = newEmail();
        register(email, randomIp());
        from(randomIp()).body(registration(email)).post("/api/v1/accounts").then()
                .statusCode(409)
                .body("type", equalTo("https://cloudpro.io/problems/email-taken"));
    }

    @Test
    void resendingAVerificationLinkSaysTheSameForUnknownAddresses() {
        String email = newEmail();
        IdentityClient.registerUnconfirmed(registration(email), randomIp());
        from(randomIp()).body(Map.of("email", email)).post("/api/v1/accounts/resend-verification").then()
                .statusCode(202).body(equalTo(""));
        from(randomIp()).body(Map.of("email", newEmail())).post("/api/v1/accounts/resend-verification").then()
                .statusCode(202).body(equalTo(""));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> IdentityClient.mails(email).size() == 2);
    }

    @Test
    void aProfilePatchChangesOnlyWhatItNamesAndPublishesTheFieldNames() {
        String email = newEmail();
        String accountId = register(email, randomIp());
        String token = accessToken(email, randomIp());

        as(token).contentType("application/merge-patch+json")
                .body("{\"lastName\": \"de Vries\", \"phone\": null,"
                        + " \"address\": {\"street\": \"Dorpsstraat 1\", \"postalCode\": \"5043 AB\", \"city\": \"Tilburg\", \"country\": \"NL\"}}")
                .patch("/api/v1/me").then()
                .statusCode(200)
                .body("firstName", equalTo("Jan"))
                .body("lastName", equalTo("de Vries"))
                .body("phone", nullValue())
                .body("address.postalCode", equalTo("5043 AB"));

        List<ConsumerRecord<String, String>> events = KafkaTopics.read(IdentityEvents.TOPIC,
                r -> accountId.equals(r.key()) && IdentityEvents.ACCOUNT_UPDATED.equals(KafkaTopics.header(r, "ce_type")),
                1, Duration.ofSeconds(20));
        assertEquals(1, events.size());
        assertTrue(events.get(0).value().contains("[\"lastName\",\"address.postalCode\",\"phone\"]"), events.get(0).value());
    }

    @Test
    void aBadPatchIsRejectedAndChangesNothing() {
        String email = newEmail();
        register(email, randomIp());
        String token = accessToken(email, randomIp());
        as(token).body(Map.of("firstName", "", "address", Map.of("street", "x", "postalCode", "x", "city", "x", "country", "NL")))
                .patch("/api/v1/me").then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("firstName", "address.postalCode"));
        as(token).get("/api/v1/me").then().body("firstName", equalTo("Jan"));
    }
}
