package io.cloudpro.identity;

import io.cloudpro.identity.messaging.IdentityEvents;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.staff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applying, reviewing, deciding - and the clock that deletes rejected applications. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class ApplicationTest {

    static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void anApplicantAppliesWithAPdfAndARecruiterRejectsWithTheDeletionDateAnnounced() {
        String email = newEmail();
        String id = apply(email, PDF, false).then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/v1/applications/[0-9a-f-]{36}"))
                .extract().path("id");
        mail(email, "We received your application");

        String recruiter = staff("recruiter");
        as(recruiter).queryParam("status", "SUBMITTED").get("/api/v1/applications").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(id));
        as(recruiter).get("/api/v1/applications/" + id).then()
                .statusCode(200)
                .body("motivation", equalTo("I like hosting."))
                .body("portfolioUrl", equalTo("https://portfolio.example/anna"))
                .body("cvFileName", equalTo("anna cv.pdf"));
        byte[] cv = as(recruiter).get("/api/v1/applications/" + id + "/cv").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(PDF, cv);

        Instant decidedAt = Instant.parse(as(recruiter).body(Map.of("decision", "REJECTED"))
                .post("/api/v1/applications/" + id + "/decision").then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .extract().<String>path("decidedAt"));
        Instant retainUntil = Instant.parse(as(recruiter).get("/api/v1/applications/" + id).then()
                .extract().<String>path("retainUntil"));
        assertEquals(Duration.ofDays(28), Duration.between(decidedAt, retainUntil));
        assertTrue(mail(email, "Your application for").body().contains("We delete your application and CV by"));

        as(recruiter).body(Map.of("decision", "HIRED")).post("/api/v1/applications/" + id + "/decision").then()
                .statusCode(409).body("type", equalTo("https://cloudpro.io/problems/already-decided"));

        List<ConsumerRecord<String, String>> events = KafkaTopics.read(IdentityEvents.TOPIC, r -> id.equals(r.key()),
                2, Duration.ofSeconds(20));
        assertEquals(List.of(IdentityEvents.APPLICATION_SUBMITTED, IdentityEvents.APPLICATION_DECIDED),
                events.stream().map(r -> KafkaTopics.header(r, "ce_type")).toList());
        assertTrue(events.get(1).value().contains("\"retainUntil\":\"" + retainUntil + "\""), events.get(1).value());
    }

    @Test
    void anApplicantWhoAgreedIsKeptOnFileForAYear() {
        String id = apply(newEmail(), PDF, true).then().statusCode(201).extract().path("id");
        String recruiter = staff("recruiter");
        var decided = as(recruiter).body(Map.of("decision", "REJECTED")).post("/api/v1/applications/" + id + "/decision")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Duration.ofDays(365), Duration.between(Instant.parse(decided.getString("decidedAt")),
                Instant.parse(decided.getString("retainUntil"))));
    }

    @Test
    void onlyPdfsOfAReasonableSizeAreAccepted() {
        apply(newEmail(), "GIF89a not a pdf at all, really".getBytes(StandardCharsets.US_ASCII), false).then()
                .statusCode(400).body("errors[0].field", equalTo("cv")).body("errors[0].message", equalTo("must be a PDF file"));
        byte[] huge = Arrays.copyOf(PDF, 6 * 1024 * 1024);
        apply(newEmail(), huge, false).then()
                .statusCode(400).body("errors[0].field", equalTo("cv"));
        given().header("X-Forwarded-For", IdentityClient.randomIp()).multiPart("firstName", "Anna").multiPart("lastName", "de Boer").multiPart("email", "not-an-address")
                .multiPart("vacancy", "DevOps engineer").multiPart("motivation", "x")
                .multiPart("cv", "cv.pdf", PDF, "application/pdf")
                .post("/api/v1/applications").then()
                .statusCode(400).body("errors[0].field", equalTo("email"));
    }

    @Test
    void customersCannotReadApplications() {
        String id = apply(newEmail(), PDF, false).then().statusCode(201).extract().path("id");
        String customerEmail = newEmail();
        IdentityClient.register(customerEmail, IdentityClient.randomIp());
        as(IdentityClient.accessToken(customerEmail, IdentityClient.randomIp())).get("/api/v1/applications/" + id)
                .then().statusCode(403);
        given().get("/api/v1/applications/" + id).then().statusCode(401);
    }

    static io.restassured.response.Response apply(String email, byte[] cv, boolean keepOnFile) {
        return applyAs(IdentityClient.randomIp(), Map.of("email", email, "keepOnFileConsent", Boolean.toString(keepOnFile)), cv);
    }

    /** Applies from {@code ip} (applications are rate-limited per client) with some fields overridden. */
    static io.restassured.response.Response applyAs(String ip, Map<String, String> overrides, byte[] cv) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("firstName", "Anna", "lastName", "de Boer",
                "email", newEmail(), "vacancy", "DevOps engineer", "motivation", "I like hosting.",
                "portfolioUrl", "https://portfolio.example/anna", "keepOnFileConsent", "false"));
        fields.putAll(overrides);
        RequestSpecification form = given().header("X-Forwarded-For", ip);
        fields.forEach(form::multiPart);
        return form.multiPart("cv", "anna cv.pdf", cv, "application/pdf").post("/api/v1/applications");
    }
}
