package io.cloudpro.platform.problem;

import io.cloudpro.platform.testapp.PlatformTestResource;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error a client can meet comes back as RFC 9457 problem+json, with the failing fields named. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class ProblemResponsesTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void validationErrorsNameEveryFieldIncludingNestedOnesAndListItems() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": " ", "address": {"street": "Dorpsstraat 1", "postalCode": "12345"},
                         "items": [{"sku": "vps-s", "quantity": 1}, {"sku": "", "quantity": 0}]}""")
                .post("/api/v1/test/shapes?limit=500")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/validation"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/test/shapes"))
                .body("errors.field", containsInAnyOrder("name", "address.postalCode", "items[1].sku",
                        "items[1].quantity", "limit"))
                .body("errors.find { it.field == 'address.postalCode' }.message",
                        equalTo("must be a Dutch postal code such as 5042 CR"));
    }

    @Test
    void aMissingBodyIsAValidationError() {
        given().contentType(ContentType.JSON).post("/api/v1/test/shapes").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/validation"));
    }

    @Test
    void unparseableJsonIsAMalformedRequestThatDoesNotEchoTheInput() {
        given().contentType(ContentType.JSON).body("{\"name\": \"Jan Jansen\", ").post("/api/v1/test/shapes").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/malformed-request"))
                .body(not(containsString("Jan Jansen")));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": "x", "address": {"street": "a", "postalCode": "5042 CR"},
                         "items": [{"sku": "vps-s", "quantity": "many"}]}""")
                .post("/api/v1/test/shapes").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("items[0].quantity"));
    }

    @Test
    void aProblemExceptionKeepsItsTypeAndStatus() {
        given().header("Authorization", "Bearer " + TestTokens.customer().build())
                .get("/api/v1/test/notes/" + UUID.randomUUID()).then()
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/not-found"))
                .body("detail", equalTo("Note not found"));
    }

    @Test
    void anInvalidPathParameterIsA404NotA500() {
        given().header("Authorization", "Bearer " + TestTokens.customer().build())
                .get("/api/v1/test/notes/not-a-uuid").then()
                .statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void wrongMethodAndWrongMediaTypeAreProblemsToo() {
        given().delete("/api/v1/test/shapes").then()
                .statusCode(405)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/method-not-allowed"));
        given().contentType(ContentType.XML).body("<shape/>").post("/api/v1/test/shapes").then()
                .statusCode(415)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/unsupported-media-type"));
    }

    @Test
    void anUnexpectedFailureIsA500WithAnErrorIdAndNothingInternal() {
        given().get("/api/v1/test/boom").then()
                .statusCode(500)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/internal"))
                .body("errorId", matchesPattern("[0-9a-f-]{36}"))
                .body(allOf(not(containsString("jan.jansen")), not(containsString("IllegalStateException")),
                        not(containsString("at io.cloudpro"))));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/test/shapes?limit=abc").then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/validation"))
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].message", equalTo("must be a whole number"));
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemJson() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.getOutputStream().write(("POST /api/v1/test/shapes HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
            assertTrue(response.contains("\"type\":\"https://cloudpro.io/problems/payload-too-large\""), response);
        }
    }

    @Test
    void headersOverTheLimitAreA431ProblemJson() {
        given().header("X-Padding", "p".repeat(20_000)).get("/api/v1/test/shapes").then()
                .statusCode(431)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://cloudpro.io/problems/headers-too-large"))
                .body("status", equalTo(431));
    }

    @Test
    void anEndpointWithoutSecurityAnnotationIsDenied() {
        given().get("/api/v1/test/unannotated").then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
        given().header("Authorization", "Bearer " + TestTokens.staff("admin").build())
                .get("/api/v1/test/unannotated").then()
                .statusCode(403)
                .contentType(PROBLEM_JSON);
    }
}
