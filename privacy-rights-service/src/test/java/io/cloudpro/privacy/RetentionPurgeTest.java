package io.cloudpro.privacy;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.privacy.PrivacyClient.awaitStatus;
import static io.cloudpro.privacy.PrivacyClient.customer;
import static io.cloudpro.privacy.PrivacyClient.file;
import static io.cloudpro.privacy.PrivacyClient.officer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * retention-service's rolling rules at privacy-rights-service: requests and complaints are minimised
 * two years after they closed, disclosures go after five years. Time moves by dating rows back.
 */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class RetentionPurgeTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void closedCasesLoseTheirPersonAfterTwoYearsAndDisclosuresGoAfterFive() throws SQLException {
        PrivacyClient.Customer customer = customer();
        String request = file(customer, Map.of("type", "ACCESS", "details", "I also called you on 12 March about my neighbour"));
        awaitStatus(customer, request, "COMPLETED");
        String complaint = customer.call().body(Map.of("text", "Nobody answered my call about my neighbour."))
                .post("/api/v1/privacy/complaints").then().statusCode(201).extract().path("id");
        officer().body(Map.of("answer", "We are sorry and called you back."))
                .post("/api/v1/privacy/officer/complaints/" + complaint + "/answer").then().statusCode(200);
        String open = customer.call().body(Map.of("text", "Still waiting for an answer."))
                .post("/api/v1/privacy/complaints").then().statusCode(201).extract().path("id");

        // the case is closed: what the person wrote is gone already (this service's own doing), the rest stays
        assertNull(text("SELECT details FROM dsr_request WHERE id = ?::uuid", request));
        assertEquals("", text("SELECT text FROM complaint WHERE id = ?::uuid", complaint));
        assertEquals("Still waiting for an answer.", text("SELECT text FROM complaint WHERE id = ?::uuid", open), "still open");
        Instant twoYearsAgo = Instant.now().minus(730, ChronoUnit.DAYS);
        assertEquals(0, purge("privacy.requests", twoYearsAgo), "closed today: kept two years");
        assertEquals(customer.person().loginId().toString(), text("SELECT login_id::text FROM dsr_request WHERE id = ?::uuid", request));

        // two years on, the person goes; type, dates and status stay as the statistics of compliance
        update("UPDATE dsr_request SET completed_at = completed_at - interval '25 months' WHERE id = ?::uuid", request);
        update("UPDATE complaint SET answered_at = answered_at - interval '25 months' WHERE id = ?::uuid", complaint);
        assertTrue(purge("privacy.requests", twoYearsAgo) >= 1);
        assertTrue(purge("privacy.complaints", twoYearsAgo) >= 1);
        assertEquals("ACCESS|COMPLETED|||", text("SELECT concat_ws('|', type, status, coalesce(email, ''), coalesce(login_id::text, ''),"
                + " coalesce(outcome, '')) FROM dsr_request WHERE id = ?::uuid", request));
        assertEquals("0", text("SELECT count(*)::text FROM request_command WHERE request_id = ?::uuid AND (command LIKE '%"
                + customer.person().loginId() + "%' OR command LIKE '%" + customer.person().accountId() + "%')", request),
                "the commands sent for it no longer name the person");
        assertEquals("ANSWERED||", text("SELECT concat_ws('|', status, coalesce(email, ''), coalesce(answer, ''))"
                + " FROM complaint WHERE id = ?::uuid", complaint));
        assertEquals(customer.person().loginId().toString(), text("SELECT login_id::text FROM complaint WHERE id = ?::uuid", open));

        // disclosures: five years
        String subject = customer.person().accountId().toString();
        officer().body(Map.of("subjectId", subject, "authority", "Politie Eenheid Zeeland-West-Brabant",
                        "claimReference", "PL2000-2020000001", "legalBasis", "art. 126nc Sv",
                        "categories", List.of("identity.name-address"), "fields", List.of("lastName")))
                .post("/api/v1/privacy/disclosures/police-claims").then().statusCode(201);
        update("UPDATE disclosure SET disclosed_at = disclosed_at - interval '61 months' WHERE subject_id = ?::uuid", subject);
        assertEquals(1, purge("privacy.disclosure-register", Instant.now().minus(5 * 365, ChronoUnit.DAYS)));
        assertEquals("0", text("SELECT count(*)::text FROM disclosure WHERE subject_id = ?::uuid", subject));
    }

    /** Sends retention-service's PURGE by cut-off for the category and returns the receipt's count. */
    private static long purge(String category, Instant cutoff) {
        String commandId = UUID.randomUUID().toString();
        String rule = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("privacy.commands", rule, "io.cloudpro.privacy.command.purge.v1", """
                {"commandId":"%s","kind":"PURGE","subject":{"subjectId":"%s"},"targets":["privacy-rights-service"],
                 "category":"%s","cutoff":"%s","issuedAt":"%s"}""".formatted(commandId, rule, category, cutoff, Instant.now()));
        JsonPath receipt = new JsonPath(KafkaTopics.read("privacy.results", r -> r.value().contains(commandId), 1,
                Duration.ofSeconds(30)).get(0).value());
        assertEquals(List.of("PURGED"), receipt.getList("categories.outcome"), receipt.prettify());
        return receipt.getLong("categories[0].count");
    }

    private String text(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private void update(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }
}
