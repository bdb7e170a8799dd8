package io.cloudpro.retention;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.ServiceTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.cloudpro.retention.RetentionPoliciesTest.officer;
import static io.cloudpro.retention.RetentionPoliciesTest.publishCatalogue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention clocks started by events, with a clock the test moves: a rejected application is
 * purged 28 days after the rejection (a year when the applicant agreed to be kept on file), once,
 * and a hold makes the clock try again until it is lifted.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class RetentionClocksTest {

    @Inject
    TestRetentionTime time;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void backToNow() {
        time.reset();
    }

    @Test
    void aRejectedApplicationIsPurgedTwentyEightDaysLaterOnceEvenWhenTheEventComesTwice() throws SQLException {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String category = publishCatalogue(service) + "applications";
        String application = UUID.randomUUID().toString();
        String eventId = decided(application, "REJECTED", false, null);
        decided(application, "REJECTED", false, eventId); // the same event again
        await().atMost(Duration.ofSeconds(30)).until(() -> clocks(category, application) == 1);

        time.advance(Duration.ofDays(27));
        assertTrue(purges(category, application, 1, Duration.ofSeconds(3)).isEmpty(), "not due after 27 days");

        time.advance(Duration.ofDays(2));
        List<ConsumerRecord<String, String>> sent = purges(category, application, 1, Duration.ofSeconds(30));
        assertEquals(1, sent.size(), "due after 28 days");
        JsonPath command = new JsonPath(sent.get(0).value());
        assertEquals(List.of(service), command.getList("targets"));
        assertEquals(List.of(application), command.getList("subject.applicationIds"));
        assertEquals(null, command.getString("cutoff"), "one subject's records, not a cut-off");
        assertEquals(1, clocks(category, application), "one clock, though the event came twice");

        receipt(command, service, category, "PURGED", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PURGED".equals(state(category, application)));
        officer().queryParam("category", category).get("/api/v1/retention/receipts").then().statusCode(200)
                .body("items[0].purged", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void anApplicantWhoAgreedIsKeptAYearAndAHireStopsTheClock() throws SQLException {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String category = publishCatalogue(service) + "applications";
        String kept = UUID.randomUUID().toString();
        String hired = UUID.randomUUID().toString();
        decided(kept, "REJECTED", true, null);
        decided(hired, "REJECTED", false, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> clocks(category, hired) == 1 && clocks(category, kept) == 1);
        decided(hired, "HIRED", false, null); // reconsidered
        await().atMost(Duration.ofSeconds(30)).until(() -> "STOPPED".equals(state(category, hired)));

        time.advance(Duration.ofDays(60));
        assertTrue(purges(category, kept, 1, Duration.ofSeconds(3)).isEmpty(), "kept on file: a year");
        assertTrue(purges(category, hired, 1, Duration.ofSeconds(1)).isEmpty(), "hired: no purge");
        time.advance(Duration.ofDays(310));
        assertEquals(1, purges(category, kept, 1, Duration.ofSeconds(30)).size());
    }

    @Test
    void aWithheldPurgeIsTriedAgainAndGoesThroughOnceTheHoldIsLifted() throws SQLException {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String category = publishCatalogue(service) + "applications";
        String application = UUID.randomUUID().toString();
        decided(application, "REJECTED", false, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> clocks(category, application) == 1);
        time.advance(Duration.ofDays(29));
        JsonPath first = new JsonPath(purges(category, application, 1, Duration.ofSeconds(30)).get(0).value());
        receipt(first, service, category, "WITHHELD", 0); // a hold kept it

        // the new command's id read in the same poll that saw it: a later read may fall between states
        java.util.concurrent.atomic.AtomicReference<String> sentAgain = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String command = commandOf(category, application);
            sentAgain.set(command);
            return "PURGE_SENT".equals(state(category, application)) && command != null
                    && !first.getString("commandId").equals(command);
        });
        String again = sentAgain.get();
        JsonPath second = new JsonPath(KafkaTopics.read("privacy.commands", r -> r.value().contains(again), 1,
                Duration.ofSeconds(30)).get(0).value());
        assertEquals(List.of(application), second.getList("subject.applicationIds"));
        receipt(second, service, category, "PURGED", 1); // the hold was lifted meanwhile
        await().atMost(Duration.ofSeconds(30)).until(() -> "PURGED".equals(state(category, application)));
    }

    @Test
    void aClosedAccountGoesAfterItsGracePeriodUnlessReopenedAndAWithdrawnConsentsProofTwoYearsLaterUnlessRenewed()
            throws SQLException {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = publishCatalogue(service);
        String closed = UUID.randomUUID().toString();
        String reopened = UUID.randomUUID().toString();
        String withdrawn = UUID.randomUUID().toString();
        String renewed = UUID.randomUUID().toString();
        identityEvent("account.closed.v1", closed, "{\"accountId\":\"%s\",\"closedAt\":\"%s\"}".formatted(closed, Instant.now()));
        identityEvent("account.closed.v1", reopened, "{\"accountId\":\"%s\",\"closedAt\":\"%s\"}".formatted(reopened, Instant.now()));
        identityEvent("newsletter.consent-changed.v1", withdrawn, consent(withdrawn, false));
        identityEvent("newsletter.consent-changed.v1", renewed, consent(renewed, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> clocks(prefix + "account", reopened) == 1
                && clocks(prefix + "newsletter", renewed) == 1);
        identityEvent("account.reopened.v1", reopened, "{\"accountId\":\"%s\",\"reopenedAt\":\"%s\"}".formatted(reopened, Instant.now()));
        identityEvent("newsletter.consent-changed.v1", renewed, consent(renewed, true));
        await().atMost(Duration.ofSeconds(30)).until(() -> "STOPPED".equals(state(prefix + "account", reopened))
                && "STOPPED".equals(state(prefix + "newsletter", renewed)));

        time.advance(Duration.ofDays(29));
        assertTrue(purges(prefix + "account", closed, 1, Duration.ofSeconds(2)).isEmpty(), "still in its grace period");
        time.advance(Duration.ofDays(2));
        JsonPath command = new JsonPath(purges(prefix + "account", closed, 1, Duration.ofSeconds(30)).get(0).value());
        assertEquals(List.of(closed), command.getList("subject.accountIds"));
        assertTrue(purges(prefix + "account", reopened, 1, Duration.ofSeconds(1)).isEmpty(), "re-opened: kept");
        assertTrue(purges(prefix + "newsletter", withdrawn, 1, Duration.ofSeconds(1)).isEmpty(), "proof: two years");

        time.advance(Duration.ofDays(2 * 366));
        assertEquals(1, purges(prefix + "newsletter", withdrawn, 1, Duration.ofSeconds(30)).size());
        assertTrue(purges(prefix + "newsletter", renewed, 1, Duration.ofSeconds(1)).isEmpty(), "subscribed again: kept");
    }

    @Test
    void theDryRunShowsWhatFallsDueAndTheOverdueReportWhatHasNoReceipt() throws SQLException {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = publishCatalogue(service);
        String category = prefix + "applications";
        String application = UUID.randomUUID().toString();
        decided(application, "REJECTED", false, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> clocks(category, application) == 1);

        JsonPath month = officer().queryParam("days", 30).get("/api/v1/retention/dry-run").then().statusCode(200).extract().jsonPath();
        assertEquals(1, month.getInt("find { it.category == '" + category + "' }.subjects"), month.prettify());
        assertEquals(service, month.getString("find { it.category == '" + category + "' }.service"));
        assertTrue(month.getString("find { it.category == '" + prefix + "logins' }.cutoffAtEnd") != null, "rolling rules too");
        JsonPath week = officer().queryParam("days", 7).get("/api/v1/retention/dry-run").then().statusCode(200).extract().jsonPath();
        assertTrue(week.getList("category").stream().noneMatch(category::equals), "not due within a week");
        officer().queryParam("days", 0).get("/api/v1/retention/dry-run").then().statusCode(400);

        time.advance(Duration.ofDays(29));
        JsonPath command = new JsonPath(purges(category, application, 1, Duration.ofSeconds(30)).get(0).value());
        await().atMost(Duration.ofSeconds(30)).until(() -> officer().get("/api/v1/retention/overdue").then().extract()
                .jsonPath().getList("category").contains(category));
        receipt(command, service, category, "PURGED", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !officer().get("/api/v1/retention/overdue").then().extract()
                .jsonPath().getList("category").contains(category));
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** identity-service's application.decided event; the event's id. */
    static String decided(String application, String decision, boolean keepOnFile, String eventId) {
        String id = eventId == null ? UUID.randomUUID().toString() : eventId;
        KafkaTopics.send("identity.events", application, """
                {"applicationId":"%s","decision":"%s","keepOnFileConsent":%s,"decidedAt":"%s"}"""
                .formatted(application, decision, keepOnFile, Instant.now()), java.util.Map.of(
                "ce_id", id, "ce_type", "io.cloudpro.identity.application.decided.v1", "ce_source", "/cloudpro/identity-service",
                "ce_specversion", "1.0", "ce_time", Instant.now().toString(), "content-type", "application/json",
                "ce_subject", application));
        return id;
    }

    /** Another identity-service event, as identity-service publishes it. */
    static void identityEvent(String type, String subject, String json) {
        KafkaTopics.send("identity.events", subject, json, java.util.Map.of(
                "ce_id", UUID.randomUUID().toString(), "ce_type", "io.cloudpro.identity." + type,
                "ce_source", "/cloudpro/identity-service", "ce_specversion", "1.0", "ce_time", Instant.now().toString(),
                "content-type", "application/json", "ce_subject", subject));
    }

    private static String consent(String account, boolean subscribed) {
        return "{\"accountId\":\"%s\",\"subscribed\":%s,\"method\":\"WEB\",\"privacyNoticeVersion\":\"2019-01-25\",\"changedAt\":\"%s\"}"
                .formatted(account, subscribed, Instant.now());
    }

    static List<ConsumerRecord<String, String>> purges(String category, String subject, int count, Duration wait) {
        return KafkaTopics.read("privacy.commands", r -> r.value().contains("\"" + category + "\"")
                && r.value().contains(subject), count, wait);
    }

    static void receipt(JsonPath command, String service, String category, String outcome, int count) {
        KafkaTopics.sendEvent("privacy.results", command.getString("subject.subjectId"), "io.cloudpro.privacy.result.purge.v1", """
                {"commandId":"%s","kind":"PURGE","service":"%s","subjectId":"%s","found":%s,
                 "categories":[{"category":"%s","outcome":"%s","count":%d}],"withheld":[],"changedFields":[],
                 "recipientsToInform":[],"completedAt":"%s"}"""
                .formatted(command.getString("commandId"), service, command.getString("subject.subjectId"), count > 0,
                        category, outcome, count, Instant.now()));
    }

    private long clocks(String category, String subject) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM retention_clock WHERE category = ? AND subject_id = ?::uuid", category, subject));
    }

    private String state(String category, String subject) throws SQLException {
        return query("SELECT state FROM retention_clock WHERE category = ? AND subject_id = ?::uuid", category, subject);
    }

    private String commandOf(String category, String subject) throws SQLException {
        return query("SELECT command_id::text FROM retention_clock WHERE category = ? AND subject_id = ?::uuid", category, subject);
    }

    private String query(String sql, String category, String subject) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, category);
            query.setString(2, subject);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
