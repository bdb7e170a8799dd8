package io.cloudpro.retention;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.ServiceTestResource;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.retention.RetentionPoliciesTest.as;
import static io.cloudpro.retention.RetentionPoliciesTest.officer;
import static io.cloudpro.retention.RetentionPoliciesTest.publishCatalogue;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy officer places and lifts legal holds; every service learns of them from retention.holds. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class LegalHoldsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aHoldIsPublishedWithItsReferenceButNotItsReasonAndLiftedOnce() throws SQLException {
        String category = publishCatalogue("svc-" + UUID.randomUUID().toString().substring(0, 8)) + "invoices";
        String subject = UUID.randomUUID().toString();
        String officerLogin = UUID.randomUUID().toString();
        String officer = TestTokens.staff("privacy-officer").subject(officerLogin).build();

        String holdId = as(officer).body(Map.of("subjectId", subject, "category", category, "reference", "case 2026-77",
                        "reason", "Dispute about invoice 2026-000123 with Jan Jansen"))
                .post("/api/v1/retention/holds").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/retention/holds/"))
                .body("active", equalTo(true))
                .body("placedBy", equalTo(officerLogin))
                .extract().path("id");

        List<ConsumerRecord<String, String>> placed = KafkaTopics.read("retention.holds", r -> holdId.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, placed.size());
        assertEquals("io.cloudpro.retention.hold.placed.v1", KafkaTopics.header(placed.get(0), "ce_type"));
        JsonPath event = new JsonPath(placed.get(0).value());
        assertEquals(subject, event.getString("subjectId"));
        assertEquals(category, event.getString("category"));
        assertEquals("case 2026-77", event.getString("reference"));
        assertFalse(placed.get(0).value().contains("Jansen"), "the reason stays in retention-service");
        // this service keeps its copy like every other
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId) == 1);

        officer().get("/api/v1/retention/holds").then().statusCode(200).body("id", hasItem(holdId));
        as(TestTokens.staff("admin").build()).get("/api/v1/retention/holds/" + holdId).then().statusCode(200)
                .body("reference", equalTo("case 2026-77"));

        as(officer).body(Map.of("reason", "settled")).post("/api/v1/retention/holds/" + holdId + "/lift").then()
                .statusCode(200).body("active", equalTo(false)).body("liftedBy", equalTo(officerLogin))
                .body("liftReason", equalTo("settled"));
        as(officer).body(Map.of("reason", "again")).post("/api/v1/retention/holds/" + holdId + "/lift").then()
                .statusCode(409).contentType("application/problem+json");
        assertEquals(2, KafkaTopics.read("retention.holds", r -> holdId.equals(r.key()), 2, Duration.ofSeconds(30)).size());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId) == 0);
        officer().get("/api/v1/retention/holds").then().body("id", not(hasItem(holdId)));
        officer().queryParam("active", false).get("/api/v1/retention/holds").then().body("id", hasItem(holdId));
    }

    @Test
    void aHoldNeedsASubjectOrAKnownCategoryAndOnlyTheOfficerPlacesOne() {
        officer().body(Map.of("reference", "case 1", "reason", "no target")).post("/api/v1/retention/holds").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("subjectId"));
        officer().body(Map.of("category", "no.such-category", "reference", "case 1", "reason", "x"))
                .post("/api/v1/retention/holds").then().statusCode(400).body("errors[0].field", equalTo("category"));
        officer().body(Map.of("subjectId", UUID.randomUUID().toString(), "reason", "x")).post("/api/v1/retention/holds")
                .then().statusCode(400);
        as(TestTokens.staff("admin").build()).body(Map.of("subjectId", UUID.randomUUID().toString(), "reference", "c",
                "reason", "x")).post("/api/v1/retention/holds").then().statusCode(403);
        as(TestTokens.customer().build()).get("/api/v1/retention/holds").then().statusCode(403);
        officer().get("/api/v1/retention/holds/" + UUID.randomUUID()).then().statusCode(404);
        officer().body(Map.of("reason", "x")).post("/api/v1/retention/holds/" + UUID.randomUUID() + "/lift").then().statusCode(404);
    }

    @Test
    void aPersonsActiveHoldIsWithheldFromErasureAndALiftedOneIsErased() {
        String subject = UUID.randomUUID().toString();
        String holdId = officer().body(Map.of("subjectId", subject, "reference", "claim 12", "reason", "police claim"))
                .post("/api/v1/retention/holds").then().statusCode(201).extract().path("id");

        JsonPath withheld = erase(subject);
        assertTrue(withheld.getList("withheld.holdReference").contains("claim 12"), withheld.prettify());
        officer().get("/api/v1/retention/holds/" + holdId).then().statusCode(200);

        officer().body(Map.of("reason", "claim answered")).post("/api/v1/retention/holds/" + holdId + "/lift").then().statusCode(200);
        JsonPath erased = erase(subject);
        assertEquals(List.of("ERASED"), erased.getList("categories.outcome"), erased.prettify());
        officer().get("/api/v1/retention/holds/" + holdId).then().statusCode(404);
    }

    private static JsonPath erase(String subject) {
        String commandId = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("privacy.commands", subject, "io.cloudpro.privacy.command.erase.v1",
                "{\"commandId\":\"" + commandId + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"kind\":\"ERASE\","
                        + "\"subject\":{\"subjectId\":\"" + subject + "\"},\"issuedAt\":\"" + Instant.now() + "\"}");
        List<ConsumerRecord<String, String>> results = KafkaTopics.read("privacy.results",
                r -> r.value().contains(commandId) && r.value().contains("retention-service"), 1, Duration.ofSeconds(30));
        assertEquals(1, results.size());
        return new JsonPath(results.get(0).value());
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
