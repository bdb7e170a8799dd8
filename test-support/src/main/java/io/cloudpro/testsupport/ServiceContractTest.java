package io.cloudpro.testsupport;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service promises its operators and clients, whatever its domain: health that covers
 * the database and Kafka, metrics, published API docs, and a locked door - JWTs verified with
 * ES256 only, issuer and audience pinned, keys from the JWKS - that answers in problem+json.
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
    void livenessAndReadinessAreUpAndCoverDatabaseAndKafka() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
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
        withToken(TestTokens.customer().build()).get(ADMIN_ONLY).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://cloudpro.io/problems/forbidden"));
    }

    @Test
    void aValidTokenWithTheRightRoleIsAccepted() {
        withToken(TestTokens.staff("admin").build()).get(ADMIN_ONLY).then()
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

    protected static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
