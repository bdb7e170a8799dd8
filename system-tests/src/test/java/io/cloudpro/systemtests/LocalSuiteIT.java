package io.cloudpro.systemtests;

import io.cloudpro.infra.FreePorts;
import io.cloudpro.infra.LocalSuite;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run command's promise: all four packaged services come up against a real PostgreSQL and
 * Kafka, configured only by environment variables, and each serves its health, API docs and
 * Swagger UI. The start-up time is printed as a figure, not asserted.
 */
class SuiteStartIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    static LocalSuite suite;

    @BeforeAll
    static void startSuite() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        LocalSuite.SERVICES.forEach(s -> ports.put(s.name(), FreePorts.find()));
        LocalSuite.Options options = new LocalSuite.Options(Path.of(System.getProperty("suite.root", "..")),
                dataDir, FreePorts.find(), FreePorts.find(), ports, true, line -> System.out.println("suite " + line));
        suite = LocalSuite.start(options);
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
            HttpResponse<String> ready = get(base + "/q/health/ready");
            assertEquals(200, ready.statusCode(), service.name() + " ready");
            assertTrue(ready.body().contains("\"status\": \"UP\"") || ready.body().contains("\"status\":\"UP\""),
                    service.name() + " reports UP: " + ready.body());

            HttpResponse<String> openApi = get(base + "/q/openapi?format=json");
            assertEquals(200, openApi.statusCode(), service.name() + " OpenAPI");
            assertTrue(openApi.body().contains("\"title\" : \"" + service.name() + " API\"")
                    || openApi.body().contains("\"title\":\"" + service.name() + " API\""), service.name() + " OpenAPI title");

            assertEquals(200, get(base + "/q/swagger-ui/").statusCode(), service.name() + " Swagger UI");
        }
    }

    @Test
    void servicesRefuseUnauthenticatedApiCallsWithProblemJson() throws Exception {
        for (ServiceProcess service : suite.services().values()) {
            HttpResponse<String> response = get(service.baseUrl() + "/api/v1/operations/outbox");
            assertEquals(401, response.statusCode(), service.name());
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""),
                    service.name());
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
