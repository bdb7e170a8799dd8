package io.cloudpro.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudpro.infra.LocalSuite;
import io.cloudpro.infra.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged suite as the run command starts it: four service JVMs against a real PostgreSQL,
 * Kafka and SMTP server, configured only by environment variables. The start-up time is printed
 * as a figure, not asserted.
 */
@ExtendWith(SharedSuite.class)
class LocalSuiteIT {

    static final ObjectMapper JSON = SuiteClient.JSON;

    static LocalSuite suite;
    static SuiteClient client;

    @BeforeAll
    static void useSuite() {
        suite = SharedSuite.suite();
        client = new SuiteClient(suite);
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
        // the first admin had no password: the shared suite activated it with the link from the captured mail
        String adminToken = SharedSuite.adminToken();

        // order-service verifies it against identity-service's JWKS: ES256, issuer, audience
        HttpResponse<String> outbox = get(suite.baseUrl("order-service") + "/api/v1/operations/outbox", adminToken);
        assertEquals(200, outbox.statusCode(), outbox.body());
        JsonNode status = JSON.readTree(outbox.body());
        assertTrue(status.has("pending"), outbox.body());

        // a customer's token is genuine too, but lacks the role: 403, not 401
        String customerToken = client.register("Jansen", false).token();
        assertEquals(403, get(suite.baseUrl("retention-service") + "/api/v1/operations/outbox", customerToken).statusCode());

        // and a tampered one is refused
        String tampered = adminToken.substring(0, adminToken.length() - 4) + "AAAA";
        assertEquals(401, get(suite.baseUrl("privacy-rights-service") + "/api/v1/operations/outbox", tampered).statusCode());

        // a logout reaches every service within seconds, long before the token would expire
        assertEquals(204, client.send("POST", suite.baseUrl("identity-service") + "/api/v1/auth/logout", adminToken, "{}")
                .statusCode());
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

    static HttpResponse<String> get(String url, String bearer) {
        return client.get(url, bearer);
    }
}
