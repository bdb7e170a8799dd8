package io.cloudpro.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.MailCatcher;
import io.cloudpro.infra.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged suite as the run command starts it: four service JVMs against a real PostgreSQL,
 * Kafka and SMTP server, configured only by environment variables. The start-up time is printed
 * as a figure, not asserted.
 */
class LocalSuiteIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static LocalSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = LocalSuite.start(LocalSuite.Options.onFreePorts(Path.of(System.getProperty("suite.root", "..")),
                dataDir, LocalSuite.SERVICES.stream().map(LocalSuite.Service::name).toList(),
                line -> System.out.println("suite " + line)));
        System.out.printf(Locale.ROOT, "SUITE START: four services ready in %.1f s%n", suite.elapsedSeconds());
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyServiceIsReadyAndServesItsApiDocumentation() throws Exception {
        assertEquals(4, suite.services().size());
        for (ServiceProcess service : suite.services().values()) {
            String base = service.baseUrl();
            HttpResponse<String> ready = get(base + "/q/health/ready", null);
            assertEquals(200, ready.statusCode(), service.name() + " ready");
            assertEquals("UP", JSON.readTree(ready.body()).path("status").asText(), service.name());

            HttpResponse<String> openApi = get(base + "/q/openapi?format=json", null);
            assertEquals(200, openApi.statusCode(), service.name() + " OpenAPI");
            assertEquals(service.name() + " API", JSON.readTree(openApi.body()).path("info").path("title").asText());

            assertEquals(200, get(base + "/q/swagger-ui/", null).statusCode(), service.name() + " Swagger UI");
        }
    }

    @Test
    void servicesRefuseUnauthenticatedApiCallsWithProblemJson() throws Exception {
        for (ServiceProcess service : suite.services().values()) {
            HttpResponse<String> response = get(service.baseUrl() + "/api/v1/operations/outbox", null);
            assertEquals(401, response.statusCode(), service.name());
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""),
                    service.name());
        }
    }

    @Test
    void anotherServiceAcceptsATokenThatIdentityServiceIssued() throws Exception {
        // the first admin has no password: activate it with the link from the captured mail
        MailCatcher.Mail activation = awaitMail(LocalSuite.LOCAL_ADMIN_EMAIL, "staff login");
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(activation.body());
        assertTrue(token.find(), activation.body());
        String identity = suite.baseUrl("identity-service");
        assertEquals(204, post(identity + "/api/v1/auth/activate",
                "{\"token\":\"" + token.group(1) + "\",\"password\":\"a long local admin password\"}").statusCode());
        HttpResponse<String> login = post(identity + "/api/v1/auth/login",
                "{\"email\":\"" + LocalSuite.LOCAL_ADMIN_EMAIL + "\",\"password\":\"a long local admin password\"}");
        assertEquals(200, login.statusCode(), login.body());
        String adminToken = JSON.readTree(login.body()).path("accessToken").asText();

        // order-service verifies it against identity-service's JWKS: ES256, issuer, audience
        HttpResponse<String> outbox = get(suite.baseUrl("order-service") + "/api/v1/operations/outbox", adminToken);
        assertEquals(200, outbox.statusCode(), outbox.body());
        JsonNode status = JSON.readTree(outbox.body());
        assertTrue(status.has("pending"), outbox.body());

        // a customer's token is genuine too, but lacks the role: 403, not 401
        String email = "suite-" + System.nanoTime() + "@example.nl";
        HttpResponse<String> registered = post(identity + "/api/v1/accounts", """
                {"firstName":"Jan","lastName":"Jansen","email":"%s","password":"correct horse battery staple",
                 "address":{"street":"Dorpsstraat 1","postalCode":"5042 CR","city":"Tilburg","country":"NL"}}"""
                .formatted(email));
        assertEquals(201, registered.statusCode(), registered.body());
        Matcher confirm = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(awaitMail(email, "Confirm your e-mail").body());
        assertTrue(confirm.find());
        assertEquals(204, post(identity + "/api/v1/accounts/verify-email", "{\"token\":\"" + confirm.group(1) + "\"}")
                .statusCode());
        String customerToken = JSON.readTree(post(identity + "/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}").body())
                .path("accessToken").asText();
        assertEquals(403, get(suite.baseUrl("retention-service") + "/api/v1/operations/outbox", customerToken).statusCode());

        // and a tampered one is refused
        String tampered = adminToken.substring(0, adminToken.length() - 4) + "AAAA";
        assertEquals(401, get(suite.baseUrl("privacy-rights-service") + "/api/v1/operations/outbox", tampered).statusCode());

        // a logout reaches every service within seconds, long before the token would expire
        HttpResponse<String> logout = HTTP.send(HttpRequest.newBuilder(URI.create(identity + "/api/v1/auth/logout"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, logout.statusCode());
        Instant loggedOut = Instant.now();
        for (String service : java.util.List.of("order-service", "privacy-rights-service", "retention-service")) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (get(suite.baseUrl(service) + "/api/v1/operations/outbox", adminToken).statusCode() != 401) {
                assertTrue(Instant.now().isBefore(deadline), service + " still accepts a logged-out session's token");
                Thread.sleep(200);
            }
        }
        System.out.printf(Locale.ROOT, "REVOCATION: every service refused the logged-out token within %.1f s%n",
                java.time.Duration.between(loggedOut, Instant.now()).toMillis() / 1000.0);
    }

    static MailCatcher.Mail awaitMail(String to, String subject) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<MailCatcher.Mail> mail = suite.mail().messagesTo(to).stream()
                    .filter(m -> m.subject().contains(subject)).findFirst();
            if (mail.isPresent()) {
                return mail.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail '" + subject + "' to " + to);
    }

    static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
