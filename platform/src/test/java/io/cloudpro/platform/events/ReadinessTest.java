package io.cloudpro.platform.events;

import io.cloudpro.infra.KafkaBroker;
import io.cloudpro.platform.testapp.PlatformTestResource;
import io.cloudpro.testsupport.TestInfrastructure;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/**
 * A Kafka outage must not take the service out of service: readiness covers the database only and
 * answers at once, while the broker's absence shows as a metric and in the outbox view.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL)
class ReadinessTest {

    @Test
    void withTheBrokerAwayTheServiceStaysReadyAndSaysSoInItsMetrics() {
        KafkaBroker kafka = TestInfrastructure.get().kafka();
        kafka.stop();
        try {
            given().get("/q/health/ready").then()
                    .time(lessThan(5000L)) // a check that waited for the broker would take its 30 s timeout
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.name", not(hasItem(containsString("Kafka"))));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                    .body(containsString("cloudpro_kafka_reachable 0.0")));
            given().auth().oauth2(TestTokens.staff("admin").build()).get("/api/v1/operations/outbox").then()
                    .statusCode(200)
                    .body("brokerReachable", equalTo(false));
        } finally {
            kafka.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("cloudpro_kafka_reachable 1.0")));
    }
}
