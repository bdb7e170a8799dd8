package io.cloudpro.privacy;

import io.cloudpro.infra.MailCatcher;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.cloudpro.privacy.PrivacyClient.anonymous;
import static io.cloudpro.privacy.PrivacyClient.awaitOfficerStatus;
import static io.cloudpro.privacy.PrivacyClient.code;
import static io.cloudpro.privacy.PrivacyClient.mail;
import static io.cloudpro.privacy.PrivacyClient.mailCount;
import static io.cloudpro.privacy.PrivacyClient.newEmail;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests from people without a login: verified by a mailed code, revealing nothing about accounts. */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class PublicIntakeTest {

    static Response start(String email, String type) {
        return anonymous().body(Map.of("email", email, "type", type)).post("/api/v1/privacy/public/requests");
    }

    static JsonPath verify(String verificationId, String code) {
        return anonymous().body(Map.of("code", code)).post("/api/v1/privacy/public/verifications/" + verificationId)
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void theAnswerAndTheMailAreTheSameWhetherOrNotTheAddressHasAnAccount() {
        String known = IdentitySimulator.get().register(newEmail()).email();
        String unknown = newEmail();
        Response forKnown = start(known, "ERASURE");
        Response forUnknown = start(unknown, "ERASURE");
        assertEquals(202, forKnown.statusCode());
        assertEquals(forKnown.statusCode(), forUnknown.statusCode());
        assertEquals(forKnown.jsonPath().getMap("").keySet(), forUnknown.jsonPath().getMap("").keySet());
        assertEquals(forKnown.jsonPath().getString("message"), forUnknown.jsonPath().getString("message"));

        MailCatcher.Mail toKnown = mail(known, "Your code");
        MailCatcher.Mail toUnknown = mail(unknown, "Your code");
        assertEquals(toKnown.subject(), toUnknown.subject());
        assertEquals(toKnown.body().replace(code(toKnown), "CODE"), toUnknown.body().replace(code(toUnknown), "CODE"));
        assertTrue(toKnown.body().contains("never ask you for a copy of an identity document"), toKnown.body());

        JsonPath filedKnown = verify(forKnown.jsonPath().getString("verificationId"), code(toKnown));
        JsonPath filedUnknown = verify(forUnknown.jsonPath().getString("verificationId"), code(toUnknown));
        assertEquals(filedKnown.getMap("request").keySet(), filedUnknown.getMap("request").keySet());
        assertEquals("ERASURE", filedUnknown.getString("request.type"));
        assertEquals(filedKnown.getString("request.status"), filedUnknown.getString("request.status"));

        // the acknowledgement is the same mail too; only the mailbox learns the outcome later
        MailCatcher.Mail ackKnown = mail(known, "We received your request");
        MailCatcher.Mail ackUnknown = mail(unknown, "We received your request");
        assertEquals(ackKnown.body().replaceAll("[0-9a-f-]{36}", "ID"), ackUnknown.body().replaceAll("[0-9a-f-]{36}", "ID"));
        awaitOfficerStatus(filedUnknown.getString("request.id"), "COMPLETED");
        awaitOfficerStatus(filedKnown.getString("request.id"), "COMPLETED");
    }

    @Test
    void aWrongCodeCostsATryAndTheLastTryEndsTheVerification() {
        String email = newEmail();
        String id = start(email, "ACCESS").jsonPath().getString("verificationId");
        String right = code(mail(email, "Your code"));
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            anonymous().body(Map.of("code", wrong)).post("/api/v1/privacy/public/verifications/" + id).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://cloudpro.io/problems/code-not-accepted"))
                    .body("triesLeft", equalTo(left));
        }
        anonymous().body(Map.of("code", wrong)).post("/api/v1/privacy/public/verifications/" + id).then().statusCode(400);
        // even the right code is no good now
        anonymous().body(Map.of("code", right)).post("/api/v1/privacy/public/verifications/" + id).then().statusCode(400)
                .body("type", equalTo("https://cloudpro.io/problems/code-not-accepted"));
    }

    @Test
    void aRepeatedRequestNeedsItsOwnCodeAndThenJoinsTheOpenOne() {
        IdentitySimulator.get().lookupsDown(true);
        try {
            String email = newEmail();
            String first = start(email, "ACCESS").jsonPath().getString("verificationId");
            String requestId = verify(first, code(mail(email, "Your code"))).getString("request.id");
            long codes = mailCount(email, "Your code");
            String second = start(email, "ACCESS").jsonPath().getString("verificationId");
            await().atMost(Duration.ofSeconds(30)).until(() -> mailCount(email, "Your code") > codes);
            // the first code does not verify the second request
            anonymous().body(Map.of("code", code(mails(email).get(0)))).post("/api/v1/privacy/public/verifications/" + second)
                    .then().statusCode(400);
            JsonPath joined = verify(second, code(mail(email, "Your code")));
            assertEquals(requestId, joined.getString("request.id"));
        } finally {
            IdentitySimulator.get().lookupsDown(false);
        }
    }

    private static java.util.List<MailCatcher.Mail> mails(String email) {
        return PrivacyClient.mails(email).stream().filter(m -> m.subject().contains("Your code")).toList();
    }

    @Test
    void anAddressGetsAtMostFiveCodesAnHourWithTheSameAnswer() {
        String email = newEmail();
        for (int i = 0; i < 7; i++) {
            start(email, "ACCESS").then().statusCode(202).body("verificationId", notNullValue());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailCount(email, "Your code") == 5);
        assertEquals(5, mailCount(email, "Your code"));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        anonymous().body(Map.of("email", "not-an-address", "type", "ACCESS")).post("/api/v1/privacy/public/requests")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("email"));
        anonymous().body(Map.of("email", newEmail(), "type", "EVERYTHING")).post("/api/v1/privacy/public/requests")
                .then().statusCode(400).contentType("application/problem+json");
        anonymous().body(Map.of("email", newEmail(), "type", "OBJECTION")).post("/api/v1/privacy/public/requests")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("processing"));
        anonymous().body(Map.of("code", "123456")).post("/api/v1/privacy/public/verifications/not-a-uuid")
                .then().statusCode(404);
    }
}
