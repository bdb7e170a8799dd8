package io.cloudpro.identity;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/** Public endpoints that mail or cost work are rate-limited per client; mailed text is one line. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class RequestLimitsTest {

    @Test
    void registrationsFromOneClientAreLimited() {
        String ip = randomIp();
        for (int i = 0; i < 10; i++) {
            from(ip).body(registration(newEmail())).post("/api/v1/accounts").then().statusCode(201);
        }
        from(ip).body(registration(newEmail())).post("/api/v1/accounts").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("https://cloudpro.io/problems/too-many-requests"));
        from(randomIp()).body(registration(newEmail())).post("/api/v1/accounts").then().statusCode(201);
    }

    @Test
    void passwordResetRequestsFromOneClientAreLimited() {
        String ip = randomIp();
        for (int i = 0; i < 5; i++) {
            from(ip).body(Map.of("email", newEmail())).post("/api/v1/auth/password-reset").then().statusCode(202);
        }
        from(ip).body(Map.of("email", newEmail())).post("/api/v1/auth/password-reset").then()
                .statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void refreshActivationUnsubscribeAndResendAreLimitedToo() {
        // each allows its number a minute and refills steadily: the limit shows within a few more requests
        assertLimitedAfter(60, () -> from(randomIpOnce()).body(Map.of("refreshToken", "made-up"))
                .post("/api/v1/auth/refresh").statusCode());
        assertLimitedAfter(10, () -> from(randomIpOnce()).body(Map.of("token", "made-up", "password", "long enough password"))
                .post("/api/v1/auth/activate").statusCode());
        assertLimitedAfter(5, () -> from(randomIpOnce()).body(Map.of("email", newEmail()))
                .post("/api/v1/accounts/resend-verification").statusCode());
        assertLimitedAfter(20, () -> from(randomIpOnce()).contentType("application/x-www-form-urlencoded")
                .post("/api/v1/newsletter/unsubscribe?token=made-up").statusCode());
    }

    private static String client;

    /** The client of the current {@link #assertLimitedAfter} round. */
    private static String randomIpOnce() {
        return client;
    }

    private static void assertLimitedAfter(int limit, java.util.function.IntSupplier request) {
        client = randomIp();
        int allowed = 0;
        while (request.getAsInt() != 429) {
            allowed++;
            if (allowed > limit + 5) {
                throw new AssertionError("no 429 after " + allowed + " requests; the limit is " + limit + " a minute");
            }
        }
        if (allowed < limit) {
            throw new AssertionError("limited after " + allowed + " requests; the limit is " + limit + " a minute");
        }
    }

    @Test
    void textThatEndsUpInAMailCannotCarryLineBreaks() {
        Map<String, Object> body = new HashMap<>(registration(newEmail()));
        body.put("firstName", "Jan\r\nBcc: everyone@example.org");
        from(randomIp()).body(body).post("/api/v1/accounts").then()
                .statusCode(400)
                .body("errors.field", hasItem("firstName"));
        ApplicationTest.applyAs(randomIp(), Map.of("vacancy", "Engineer\nPlease also read this line"), ApplicationTest.PDF)
                .then().statusCode(400).body("errors.field", hasItem("vacancy"));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        String email = newEmail();
        IdentityClient.register(email, randomIp());
        IdentityClient.as(IdentityClient.accessToken(email, randomIp())).queryParam("page", "abc").get("/api/v1/me/logins")
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
    }
}
