package io.cloudpro.platform.http;

import io.cloudpro.platform.testapp.PlatformTestResource;
import io.cloudpro.testsupport.KeepAliveProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** Who a client is (behind a trusted proxy, per IPv6 /64) and how often it may call a limited endpoint. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class ClientAddressAndRateLimitTest {

    @Test
    void aTrustedProxysForwardedAddressIsTheClientAndIpv6CountsPerSlash64() {
        given().header("X-Forwarded-For", "203.0.113.9").get("/api/v1/test/client").then()
                .statusCode(200)
                .body("ip", equalTo("203.0.113.9"))
                .body("throttleKey", equalTo("203.0.113.9"));
        given().header("X-Forwarded-For", "2001:db8:1:2:aaaa:bbbb:cccc:dddd").get("/api/v1/test/client").then()
                .statusCode(200)
                .body("throttleKey", equalTo("2001:db8:1:2::/64"));
        given().header("X-Forwarded-For", "2001:db8:1:2::99").get("/api/v1/test/client").then()
                .body("throttleKey", equalTo("2001:db8:1:2::/64"));
    }

    @Test
    void overItsLimitAClientGets429ProblemJsonWithRetryAfterAndOthersDoNot() {
        String client = "198.51.100." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", client).get("/api/v1/test/limited").then().statusCode(200);
        }
        given().header("X-Forwarded-For", client).get("/api/v1/test/limited").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("https://cloudpro.io/problems/too-many-requests"))
                .body("status", equalTo(429));
        given().header("X-Forwarded-For", "192.0.2.77").get("/api/v1/test/limited").then().statusCode(200);
    }

    @Test
    void requestsWithForwardedHeadersNeverStall() {
        // Each request carries X-Forwarded-For: with a trusted proxy that needed a DNS lookup, a few
        // of them waited 5 s for a resolver that does not answer.
        KeepAliveProbe.Result result = KeepAliveProbe.run(io.restassured.RestAssured.port, "/api/v1/test/client",
                java.util.Map.of("X-Forwarded-For", "203.0.113.50"), 4, 300);
        result.assertNoneSlowerThan(java.time.Duration.ofSeconds(3)); // below the 5 s stall, above a busy machine's pauses
    }
}
