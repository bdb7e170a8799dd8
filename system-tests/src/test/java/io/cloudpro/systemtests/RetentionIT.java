package io.cloudpro.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudpro.infra.LocalSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retention end to end on the packaged suite: a rejected application's clock starts in
 * retention-service and falls due while identity-service is down; the purge waits, shown as overdue,
 * and once identity-service is back it deletes the application and its CV, and the receipt is kept. The privacy officer shortens the category's period to seconds for the test (there is no
 * statutory minimum on applications), and sets it back afterwards.
 */
@ExtendWith(SharedSuite.class)
class RetentionIT {

    static final String APPLICATIONS = "identity.job-applications";

    static LocalSuite suite;
    static SuiteClient client;
    static String officer;
    static String recruiter;

    @BeforeAll
    static void startSuite() {
        suite = SharedSuite.suite();
        client = new SuiteClient(suite);
        String admin = SharedSuite.adminToken();
        officer = client.staff(admin, "officer-r-" + System.nanoTime() + "@cloudpro.local", "privacy-officer");
        recruiter = client.staff(admin, "recruiter-" + System.nanoTime() + "@cloudpro.local", "recruiter");
    }

    @Test
    void aRejectedApplicationIsDeletedWhenItsClockFallsDueEvenWithIdentityServiceDownThenAndTheReceiptIsKept() {
        String retention = suite.services().get("retention-service").baseUrl();
        String identity = client.identity();
        client.await(retention + "/api/v1/retention/policies/" + APPLICATIONS, officer, policy -> policy.has("period"),
                Duration.ofSeconds(60), "the policy from identity-service's catalogue");
        // a minute: enough for the rejection to reach retention-service and identity-service to stop
        // before the clock falls due, however busy the machine
        setPeriod(retention, "PT60S", "system test: a minute instead of four weeks");
        try {
            String application = apply(identity);
            HttpResponse<String> rejected = client.send("POST", identity + "/api/v1/applications/" + application + "/decision",
                    recruiter, "{\"decision\":\"REJECTED\"}");
            assertEquals(200, rejected.statusCode(), rejected.body());
            client.await(retention + "/api/v1/retention/dry-run?days=1", officer, due -> has(due, APPLICATIONS),
                    Duration.ofSeconds(30), "the clock started by the rejection");

            // identity-service is down when the clock falls due: the purge waits for it, shown as overdue
            suite.stopService("identity-service");
            try {
                client.await(retention + "/api/v1/retention/overdue", officer, overdue -> has(overdue, APPLICATIONS),
                        Duration.ofSeconds(120), "the clock past due without a receipt");
            } finally {
                suite.restartService("identity-service");
            }

            JsonNode receipts = client.await(retention + "/api/v1/retention/receipts?category=" + APPLICATIONS, officer,
                    page -> page.path("total").asInt() > 0 && page.path("items").get(0).path("outcome").asText().equals("PURGED"),
                    Duration.ofSeconds(90), "the receipt of the purge, once identity-service is back");
            JsonNode receipt = receipts.path("items").get(0);
            assertEquals("identity-service", receipt.path("service").asText());
            assertEquals(1, receipt.path("purged").asInt(), receipt.toString());
            assertEquals(404, client.get(identity + "/api/v1/applications/" + application, recruiter).statusCode(),
                    "the application and its CV are gone");
            client.await(retention + "/api/v1/retention/overdue", officer, overdue -> !has(overdue, APPLICATIONS),
                    Duration.ofSeconds(30), "nothing overdue any more");
        } finally {
            setPeriod(retention, "P28D", "system test done");
        }
    }

    private static boolean has(JsonNode report, String category) {
        for (JsonNode line : report) {
            if (line.path("category").asText().equals(category)) {
                return true;
            }
        }
        return false;
    }

    private static void setPeriod(String retention, String period, String reason) {
        HttpResponse<String> changed = client.send("PUT", retention + "/api/v1/retention/policies/" + APPLICATIONS, officer,
                "{\"period\":\"" + period + "\",\"reason\":\"" + reason + "\"}");
        assertEquals(200, changed.statusCode(), changed.body());
    }

    /** Applies as an outside applicant would: multipart with a small PDF as the CV. */
    private static String apply(String identity) {
        String boundary = "cloudpro-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = Map.of("firstName", "Retha", "lastName", "Retention",
                "email", "retha-" + System.nanoTime() + "@example.com", "vacancy", "DevOps engineer",
                "motivation", "I like deleting data on time.", "keepOnFileConsent", "false");
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n\r\n");
        write(body, "--" + boundary + "--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create(identity + "/api/v1/applications"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = SuiteClient.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
            return SuiteClient.json(response).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
