package io.cloudpro.testsupport;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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
        // A guard against stalls such as a DNS lookup per request (5 s), not a speed test: 3 s leaves
        // room for a garbage collection or a busy machine's pause.
        KeepAliveProbe.Result health = KeepAliveProbe.run(RestAssured.port, "/q/health/live", Map.of(), 4, 100);
        health.assertAllStatus(200);
        health.assertNoneSlowerThan(Duration.ofSeconds(3));
        KeepAliveProbe.Result authenticated = KeepAliveProbe.run(RestAssured.port, ADMIN_ONLY,
                Map.of("Authorization", "Bearer " + adminToken(), "X-Forwarded-For", "203.0.113.7"),
                4, 100);
        authenticated.assertNoneSlowerThan(Duration.ofSeconds(3));
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

    @Test
    void everyTableOfTheDatabaseIsInThePrivacyCatalogue() throws SQLException {
        JsonPath catalogue = given().get("/api/v1/privacy/catalogue").then().statusCode(200).extract().jsonPath();
        Set<String> declared = new TreeSet<>(catalogue.<String>getList("categories.tables.flatten()"));
        declared.addAll(catalogue.getList("technicalTables.table"));
        Set<String> tables = new TreeSet<>();
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                             + " AND table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        Set<String> missing = new TreeSet<>(tables);
        missing.removeAll(declared);
        Set<String> unknown = new TreeSet<>(declared);
        unknown.removeAll(tables);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new AssertionError("src/main/resources/privacy/catalogue.yaml: tables in no category and not listed as"
                    + " technical: " + missing + "; declared tables that do not exist: " + unknown);
        }
    }

    /** What a person sees on "My data": counts per category, asked with a service token only. */
    @Test
    void saysHowManyRecordsItHoldsAboutASubjectToTheServiceTokenOnly() {
        String subject = "{\"subjectId\":\"" + UUID.randomUUID() + "\",\"accountIds\":[\"" + UUID.randomUUID() + "\"]}";
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        withToken(TestTokens.staff("service").subject("privacy-rights-service").build()).contentType(ContentType.JSON)
                .body(subject).post("/api/v1/privacy/holdings").then().statusCode(200)
                .body("service", equalTo(service)).body("categories.size()", equalTo(0));
        given().contentType(ContentType.JSON).body(subject).post("/api/v1/privacy/holdings").then().statusCode(401);
        withToken(adminToken()).contentType(ContentType.JSON).body(subject)
                .post("/api/v1/privacy/holdings").then().statusCode(403);
        withToken(TestTokens.staff("service").subject("privacy-rights-service").build()).contentType(ContentType.JSON)
                .body("{\"accountIds\":[]}").post("/api/v1/privacy/holdings").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    /** The privacy statement is published in Dutch and English: every word a customer reads has both. */
    @Test
    void everyCategoryOfThePrivacyCatalogueIsWordedInDutchToo() {
        JsonPath catalogue = given().get("/api/v1/privacy/catalogue").then().statusCode(200).extract().jsonPath();
        List<String> gaps = new ArrayList<>();
        List<Map<String, Object>> categories = catalogue.getList("categories");
        for (Map<String, Object> category : categories) {
            String key = (String) category.get("key");
            @SuppressWarnings("unchecked") Map<String, Object> nl = (Map<String, Object>) category.get("nl");
            if (nl == null) {
                gaps.add(key + ": no nl");
                continue;
            }
            for (String field : List.of("name", "description")) {
                if (!(nl.get(field) instanceof String text) || text.isBlank()) {
                    gaps.add(key + ": no nl." + field);
                }
            }
            if (!(nl.get("purposes") instanceof List<?> purposes) || purposes.size() != ((List<?>) category.get("purposes")).size()) {
                gaps.add(key + ": nl.purposes must translate each of the " + ((List<?>) category.get("purposes")).size() + " purposes");
            }
            if (category.get("retention") != null && !(nl.get("startsAt") instanceof String)) {
                gaps.add(key + ": no nl.startsAt for the retention's startsAt");
            }
            Object recipients = category.get("recipients");
            if (recipients instanceof List<?> list) {
                for (Object recipient : list) {
                    @SuppressWarnings("unchecked") Map<String, Object> dutch = (Map<String, Object>) ((Map<?, ?>) recipient).get("nl");
                    if (dutch == null || dutch.get("name") == null || (((Map<?, ?>) recipient).get("role") != null && dutch.get("role") == null)) {
                        gaps.add(key + ": recipient " + ((Map<?, ?>) recipient).get("name") + " has no nl name and role");
                    }
                }
            }
        }
        if (!gaps.isEmpty()) {
            throw new AssertionError("privacy catalogue (src/main/resources/privacy/catalogue.yaml, or the platform's"
                    + " META-INF/privacy/platform-catalogue.yaml): Dutch words missing - " + gaps);
        }
    }

    @Test
    void answersEveryPrivacyCommandAlsoWhenItHoldsNothing() {
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        String subject = UUID.randomUUID().toString();
        List<String> kinds = List.of("export", "erase", "restrict", "lift-restriction", "rectify", "object");
        String serviceToken = TestTokens.staff("service").subject("privacy-rights-service").build();
        for (String kind : kinds) {
            UUID commandId = UUID.randomUUID();
            if (kind.equals("rectify")) {
                // the corrections come over REST first: they are personal data and stay out of Kafka
                withToken(serviceToken).contentType(ContentType.JSON).body(Map.of("corrections", Map.of("lastName", "Jansen")))
                        .put("/api/v1/privacy/corrections/" + commandId).then().statusCode(204);
            }
            KafkaTopics.sendEvent("privacy.commands", subject, "io.cloudpro.privacy.command." + kind + ".v1",
                    "{\"commandId\":\"" + commandId + "\",\"kind\":\"" + kind.toUpperCase().replace('-', '_')
                            + "\",\"targets\":[\"" + service + "\"],\"processing\":\"direct-marketing\","
                            + "\"subject\":{\"subjectId\":\"" + subject + "\",\"accountIds\":[\"" + UUID.randomUUID()
                            + "\"]},\"issuedAt\":\"" + Instant.now() + "\"}");
        }
        List<ConsumerRecord<String, String>> results = KafkaTopics.read("privacy.results", r -> subject.equals(r.key())
                && service.equals(new JsonPath(r.value()).getString("service")), kinds.size(), Duration.ofSeconds(60));
        if (results.size() != kinds.size()) {
            throw new AssertionError(service + " answered " + results.size() + " of " + kinds.size() + " privacy commands");
        }
        for (ConsumerRecord<String, String> result : results) {
            if (new JsonPath(result.value()).getBoolean("found")) {
                throw new AssertionError("a subject nobody knows was found: " + result.value());
            }
        }
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
