package io.cloudpro.platform.http;

import io.cloudpro.platform.testapp.PlatformTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Behind a proxy that is not listed as trusted, the forwarded address is ignored - and the service
 * says so in its log and a metric, instead of silently throttling everyone as the proxy.
 */
@QuarkusTest
@TestProfile(UntrustedProxyWarningTest.OnlyTenSlashEightTrusted.class)
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class UntrustedProxyWarningTest {

    public static class OnlyTenSlashEightTrusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "10.0.0.0/8");
        }
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnoredAndReported() {
        given().header("X-Forwarded-For", "203.0.113.9").get("/api/v1/test/client").then()
                .statusCode(200)
                .body("ip", equalTo("127.0.0.1"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Files.readString(Path.of("target/service.log")).contains("which is not in HTTP_TRUSTED_PROXIES"));
        given().get("/q/metrics").then().body(containsString("cloudpro_http_untrusted_forwarded_total 1.0"));
    }
}
