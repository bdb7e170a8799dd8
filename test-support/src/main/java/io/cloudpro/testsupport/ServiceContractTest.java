package io.cloudpro.testsupport;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service promises its operators and clients, whatever its domain: readiness that covers
 * the database (and not Kafka, whose outages the outbox absorbs), metrics, published API docs,
 * requests that never stall, errors in problem+json also for oversized requests, and a locked door -
 * JWTs verified with ES256 only, issuer and audience pinned, keys from the JWKS.
 * <p>
 * A service's test extends it with {@code @QuarkusTest} and the {@link ServiceTestResource}.
 */
public abstract class ServiceContractTest {

    /** An endpoint that only admins may call; every service has it through the platform. */
    private static final String ADMIN_ONLY = "/api/v1/operations/outbox";

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void livenessAndReadinessAreUpAndReadinessCoversTheDatabaseOnly() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // a Kafka outage must not take the service out of service: the outbox keeps the events
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"))
                .body("checks.name", not(hasItem(containsString("Kafka"))))
                .body("checks.name", not(hasItem(containsString("messaging"))));
    }

    @Test
    void requestsOverKeepAliveConnectionsNeverStall() {
        // A guard against stalls such as a DNS lookup per request, not a speed test.
        KeepAliveProbe.Result health = KeepAliveProbe.run(RestAssured.port, "/q/health/live", Map.of(), 4, 100);
        health.assertAllStatus(200);
        health.assertNoneSlowerThan(Duration.ofSeconds(1));
        KeepAliveProbe.Result authenticated = KeepAliveProbe.run(RestAssured.port, ADMIN_ONLY,
                Map.of("Authorization", "Bearer " + adminToken(), "X-Forwarded-For", "203.0.113.7"),
                4, 100);
        authenticated.assertNoneSlowerThan(Duration.ofSeconds(1));
    }

    @Test
    void oversizedBodiesAndHeadersAnswerWithProblemJson() throws Exception {
        given().header("X-Padding", "p".repeat(20_000)).get(ADMIN_ONLY).then()
                .statusCode(431)
                .contentType("application/problem+json")
                .body("status", equalTo(431));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.getOutputStream().write(("POST " + ADMIN_ONLY + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.1 413") || !response.toLowerCase().contains("application/problem+json")) {
                throw new AssertionError("expected a 413 problem+json, got: " + response);
            }
        }
    }

    @Test
    void publishesOpenApiSwaggerUiAndPrometheusMetrics() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void aRequestWithoutTokenGets401ProblemJson() {
        given().get(ADMIN_ONLY).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://cloudpro.io/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo(ADMIN_ONLY));
    }

    @Test
    void aValidTokenWithTheWrongRoleGets403ProblemJson() {
        withToken(customerToken()).get(ADMIN_ONLY).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://cloudpro.io/problems/forbidden"));
    }

    @Test
    void aValidTokenWithTheRightRoleIsAccepted() {
        withToken(adminToken()).get(ADMIN_ONLY).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("pending", greaterThanOrEqualTo(0));
    }

    @Test
    void forgedExpiredOrMisaddressedTokensAreRejected() {
        assertRejected("expired", b -> b.expiresAt(Instant.now().minusSeconds(300)));
        assertRejected("another issuer", b -> b.issuer("https://evil.example"));
        assertRejected("another audience", b -> b.audience("some-other-api"));
        assertRejected("alg none", TestTokens.Builder::unsigned);
        assertRejected("HS256 keyed with the public key", TestTokens.Builder::signedWithHmacOfPublicKey);
        assertRejected("RS256", TestTokens.Builder::signedWithRsa);
        assertRejected("unknown kid", TestTokens.Builder::signedWithUnknownKey);
        withToken("not-a-jwt").get(ADMIN_ONLY).then().statusCode(401);
    }

    @Test
    void unknownPathsAnswer404ProblemJson() {
        given().get("/api/v1/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://cloudpro.io/problems/not-found"))
                .body("detail", notNullValue())
                .body(not(containsString("Exception")));
    }

    private static void assertRejected(String why, UnaryOperator<TestTokens.Builder> forgery) {
        String token = forgery.apply(TestTokens.staff("admin")).build();
        try {
            withToken(token).get(ADMIN_ONLY).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://cloudpro.io/problems/unauthorized"));
        } catch (AssertionError e) {
            throw new AssertionError("a token with " + why + " was not rejected: " + e.getMessage(), e);
        }
    }

    /** A genuine admin token this service accepts; a token issuer overrides it with one of its own sessions. */
    protected String adminToken() {
        return TestTokens.staff("admin").build();
    }

    /** A genuine customer token this service accepts. */
    protected String customerToken() {
        return TestTokens.customer().build();
    }

    protected static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
