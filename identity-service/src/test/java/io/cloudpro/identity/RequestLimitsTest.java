package io.cloudpro.identity;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

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
        Response limited = assertLimitedAfter(10, ip -> {
            Response registered = from(ip).body(registration(newEmail())).post("/api/v1/accounts");
            if (registered.statusCode() != 429) {
                registered.then().statusCode(201);
            }
            return registered;
        });
        limited.then()
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("https://cloudpro.io/problems/too-many-requests"));
        from(randomIp()).body(registration(newEmail())).post("/api/v1/accounts").then().statusCode(201);
    }

    @Test
    void passwordResetRequestsFromOneClientAreLimited() {
        Response limited = assertLimitedAfter(5, ip -> {
            Response requested = from(ip).body(Map.of("email", newEmail())).post("/api/v1/auth/password-reset");
            if (requested.statusCode() != 429) {
                requested.then().statusCode(202);
            }
            return requested;
        });
        limited.then().header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void refreshActivationUnsubscribeAndResendAreLimitedToo() {
        assertLimitedAfter(60, ip -> from(ip).body(Map.of("refreshToken", "made-up")).post("/api/v1/auth/refresh"));
        assertLimitedAfter(10, ip -> from(ip).body(Map.of("token", "made-up", "password", "long enough password"))
                .post("/api/v1/auth/activate"));
        assertLimitedAfter(5, ip -> from(ip).body(Map.of("email", newEmail())).post("/api/v1/accounts/resend-verification"));
        assertLimitedAfter(20, ip -> from(ip).contentType("application/x-www-form-urlencoded")
                .post("/api/v1/newsletter/unsubscribe?token=made-up"));
    }

    /**
     * Sends requests from one new client until one is refused, and returns that 429. A limit of
     * {@code perMinute} lets that many through at once and refills steadily, so a slow machine sees
     * a few more pass: as many as came back while the requests ran.
     */
    private static Response assertLimitedAfter(int perMinute, Function<String, Response> requestFrom) {
        String ip = randomIp();
        long started = System.nanoTime();
        int allowed = 0;
        Response response;
        while ((response = requestFrom.apply(ip)).statusCode() != 429) {
            allowed++;
            long refilled = (System.nanoTime() - started) * perMinute / Duration.ofMinutes(1).toNanos() + 1;
            if (allowed > perMinute + refilled) {
                throw new AssertionError("no 429 after " + allowed + " requests; the limit is " + perMinute + " a minute");
            }
        }
        if (allowed < perMinute) {
            throw new AssertionError("limited after " + allowed + " requests; the limit is " + perMinute + " a minute");
        }
        return response;
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
