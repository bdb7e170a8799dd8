package io.cloudpro.identity;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.identity.PrivacyParticipantTest.Person;
import io.cloudpro.identity.repository.LoginAttemptRepository;
import io.cloudpro.testsupport.KafkaTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
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

import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.staff;
import static io.cloudpro.identity.PrivacyParticipantTest.result;
import static io.cloudpro.identity.PrivacyParticipantTest.results;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PURGE commands as retention-service sends them when a retention clock falls due or a rolling
 * rule's cut-off moves: the rows go, held rows stay, and the result is a receipt without personal
 * data. The test moves time by dating rows back, not by waiting.
 */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class PurgeTest {

    static final String LOGIN_HISTORY = "identity.login-history";
    static final String APPLICATIONS = "identity.job-applications";
    static final String NAME_ADDRESS = "identity.name-address";
    static final String PHONE = "identity.phone";
    static final String EMAIL = "identity.email";
    static final String LOGIN_DETAILS = "identity.login-details";
    static final String STAFF_ACCESS = "identity.staff-access";
    static final String NEWSLETTER = "identity.newsletter-consent";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LoginAttemptRepository attempts;

    @Test
    void loginHistoryOlderThanTheCutoffGoesInBatchesExceptAHeldPersonsAndTheReceiptCountsIt() throws SQLException {
        Person person = PrivacyParticipantTest.person();
        Person held = PrivacyParticipantTest.person();
        long old = age(person.loginId(), 100) + age(held.loginId(), 100);
        assertTrue(old >= 10, "both people logged in several times");
        IdentityClient.accessToken(person.email(), IdentityClient.randomIp()); // and once today
        placeHold(held.accountId(), LOGIN_HISTORY, "case 2026-31");

        Instant cutoff = Instant.now().minus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String rule = UUID.randomUUID().toString();
        String commandId = UUID.randomUUID().toString();
        purge(commandId, rule, LOGIN_HISTORY, cutoff);
        JsonPath receipt = result(commandId);

        assertEquals("PURGE", receipt.getString("kind"));
        assertEquals(cutoff, Instant.parse(receipt.getString("cutoff")));
        assertEquals(List.of(LOGIN_HISTORY), receipt.getList("categories.category"));
        assertEquals(List.of("PURGED"), receipt.getList("categories.outcome"));
        assertTrue(purgedCount(receipt) >= old - countOlder(held.loginId(), 90), receipt.prettify());
        assertTrue(receipt.getList("withheld.holdReference").contains("case 2026-31"), receipt.prettify());
        assertFalse(receipt.prettify().contains(person.email()), "a receipt holds no personal data");

        assertEquals(0, countOlder(person.loginId(), 90), "the person's old attempts are gone");
        assertEquals(1, count(person.loginId()), "today's attempt stays");
        assertTrue(countOlder(held.loginId(), 90) >= 5, "the held person's old attempts stay");

        // delivered again: the same receipt, nothing purged twice
        purge(commandId, rule, LOGIN_HISTORY, cutoff);
        List<JsonPath> both = results(commandId, 2);
        assertEquals(both.get(0).getList("categories"), both.get(1).getList("categories"));
    }

    /** Both ways a batch of login history goes: one statement when it all fits, the limit oldest rows by address when not. */
    @Test
    void aBatchThatHoldsEverythingLeftIsOneStatementAndOneThatDoesNotEndsAtItsLimitBothLeavingHeldLogins() throws SQLException {
        Person person = PrivacyParticipantTest.person();
        Person held = PrivacyParticipantTest.person();
        long old = age(person.loginId(), 2000);
        long kept = age(held.loginId(), 2000);
        assertTrue(old >= 2 && kept >= 1, "both people logged in");
        Instant cutoff = Instant.now().minus(1900, ChronoUnit.DAYS);
        List<UUID> holds = List.of(UUID.fromString(held.accountId()));

        // a limit of one: the oldest row
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> attempts.deleteBatchOlderThan(cutoff, holds, 1)));
        assertEquals(old - 1, countOlder(person.loginId(), 1900));
        // a limit far above what is left: one plain DELETE takes the rest, the held person's stay
        assertEquals(old - 1, QuarkusTransaction.requiringNew().call(() -> attempts.deleteBatchOlderThan(cutoff, holds, 1_000_000)));
        assertEquals(0, countOlder(person.loginId(), 1900));
        assertEquals(kept, countOlder(held.loginId(), 1900), "a held login's attempts stay");
        update("UPDATE login_attempt SET occurred_at = now() WHERE credential_id = ?::uuid", held.loginId());
    }

    @Test
    void aRejectedApplicationGoesWhenItsClockFallsDueUnlessItIsHeldThenWhenTheHoldIsLifted() throws SQLException {
        String recruiter = staff("recruiter");
        String email = newEmail();
        String applicationId = ApplicationTest.apply(email, ApplicationTest.PDF, false).then().statusCode(201)
                .extract().path("id");
        String subject = "{\"subjectId\":\"" + UUID.randomUUID() + "\",\"applicationIds\":[\"" + applicationId + "\"]}";
        // still open: a clock cannot have started, and a purge leaves it alone
        assertEquals(0, purgedCount(result(purge(subject, APPLICATIONS))));
        as(recruiter).body(Map.of("decision", "REJECTED")).post("/api/v1/applications/" + applicationId + "/decision")
                .then().statusCode(200);

        String holdId = placeHold(applicationId, APPLICATIONS, "case 2026-40");
        JsonPath withheld = result(purge(subject, APPLICATIONS));
        assertEquals(List.of("WITHHELD"), withheld.getList("categories.outcome"));
        assertEquals(List.of("case 2026-40"), withheld.getList("withheld.holdReference"));
        assertEquals(1, countRows("SELECT count(*) FROM job_application WHERE id = ?::uuid", applicationId));

        liftHold(holdId);
        JsonPath receipt = result(purge(subject, APPLICATIONS));
        assertEquals(1, purgedCount(receipt));
        assertEquals(0, countRows("SELECT count(*) FROM job_application WHERE id = ?::uuid", applicationId));
        assertEquals(0, countRows("SELECT count(*) FROM job_application_cv WHERE application_id = ?::uuid", applicationId));
    }

    @Test
    void aClosedAccountReopenedInItsGracePeriodKeepsItsDataAndOnceClosedForGoodItsCategoriesGoWhenTheirClocksFallDue()
            throws SQLException {
        Person person = PrivacyParticipantTest.person();
        String support = staff("support");
        String subject = "{\"subjectId\":\"" + person.accountId() + "\",\"accountIds\":[\"" + person.accountId() + "\"]}";
        close(person);
        as(support).body(Map.of("reason", "ticket 7001: closed by mistake")).post("/api/v1/support/accounts/"
                + person.accountId() + "/reopen").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
        IdentityClient.accessToken(person.email(), IdentityClient.randomIp());
        // a purge that was already on its way when the account was re-opened leaves it alone
        assertEquals(0, purgedCount(result(purge(subject, NAME_ADDRESS))));
        assertEquals(1, countRows("SELECT count(*) FROM account WHERE id = ?::uuid AND first_name IS NOT NULL", person.accountId()));

        close(person);
        // the logins go with their login history: a hold on that history withholds them too
        String holdId = placeHold(person.accountId(), LOGIN_HISTORY, "case 2026-77");
        JsonPath withheld = result(purge(subject, EMAIL));
        assertEquals(List.of("WITHHELD"), withheld.getList("categories.outcome"), withheld.prettify());
        assertEquals(1, countRows("SELECT count(*) FROM credential WHERE email = ?", person.email()));
        liftHold(holdId);
        for (String category : List.of(NAME_ADDRESS, PHONE, EMAIL, LOGIN_DETAILS, STAFF_ACCESS)) {
            JsonPath receipt = result(purge(subject, category));
            assertEquals(List.of("PURGED"), receipt.getList("categories.outcome"), receipt.prettify());
            assertEquals(category.equals(LOGIN_DETAILS) ? 0 : 1, Math.min(1, purgedCount(receipt)),
                    category + " (the login went with the e-mail address): " + receipt.prettify());
        }
        assertEquals(1, countRows("SELECT count(*) FROM account WHERE id = ?::uuid AND first_name IS NULL AND street IS NULL"
                + " AND phone IS NULL AND erased_at IS NOT NULL", person.accountId()), "only the shell is left");
        assertEquals(0, countRows("SELECT count(*) FROM credential WHERE email = ?", person.email()));
        assertEquals(0, countRows("SELECT count(*) FROM account_access WHERE account_id = ?::uuid", person.accountId()));
        as(support).body(Map.of("reason", "ticket 7002")).post("/api/v1/support/accounts/" + person.accountId() + "/reopen")
                .then().statusCode(409).body("type", org.hamcrest.Matchers.endsWith("not-reopenable"));

        // the newsletter proof has its own clock: two years after the withdrawal (closing withdrew it)
        assertTrue(countRows("SELECT count(*) FROM newsletter_consent WHERE account_id = ?::uuid", person.accountId()) >= 2);
        assertEquals(0, purgedCount(result(purge(subject, NEWSLETTER))), "withdrawn today: the proof stays two years");
        update("UPDATE newsletter_consent SET changed_at = changed_at - interval '2 years 1 day' WHERE account_id = ?::uuid",
                person.accountId());
        assertTrue(purgedCount(result(purge(subject, NEWSLETTER))) >= 2);
        assertEquals(0, countRows("SELECT count(*) FROM newsletter_consent WHERE account_id = ?::uuid", person.accountId()));
    }

    @Test
    void theProofOfAConsentInForceIsNotPurged() throws SQLException {
        Person person = PrivacyParticipantTest.person(); // subscribed
        String subject = "{\"subjectId\":\"" + person.accountId() + "\",\"accountIds\":[\"" + person.accountId() + "\"]}";
        assertEquals(0, purgedCount(result(purge(subject, NEWSLETTER))));
        assertEquals(1, countRows("SELECT count(*) FROM newsletter_consent WHERE account_id = ?::uuid", person.accountId()));
    }

    @Test
    void aCategoryThisServiceDoesNotPurgeIsAnsweredWithNothingPurged() {
        String commandId = UUID.randomUUID().toString();
        purge(commandId, UUID.randomUUID().toString(), "orders.invoices", Instant.now());
        JsonPath receipt = result(commandId);
        assertEquals(List.of("NONE"), receipt.getList("categories.outcome"));
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static void close(Person person) {
        as(IdentityClient.accessToken(person.email(), IdentityClient.randomIp())).body(Map.of("password", IdentityClient.PASSWORD))
                .delete("/api/v1/me").then().statusCode(204);
    }

    /** A purge by rolling rule: the subject is only the rule's id. */
    static void purge(String commandId, String ruleId, String category, Instant cutoff) {
        send(commandId, "{\"subjectId\":\"" + ruleId + "\"}", ruleId, ",\"category\":\"" + category
                + "\",\"cutoff\":\"" + cutoff + "\"");
    }

    /** A purge of one subject's records of a category (its clock fell due); the command's id. */
    static String purge(String subjectJson, String category) {
        String commandId = UUID.randomUUID().toString();
        send(commandId, subjectJson, new JsonPath(subjectJson).getString("subjectId"), ",\"category\":\"" + category + "\"");
        return commandId;
    }

    private static void send(String commandId, String subjectJson, String key, String extra) {
        KafkaTopics.sendEvent("privacy.commands", key, "io.cloudpro.privacy.command.purge.v1",
                "{\"commandId\":\"" + commandId + "\",\"kind\":\"PURGE\",\"subject\":" + subjectJson + extra
                        + ",\"issuedAt\":\"" + Instant.now() + "\"}");
    }

    static long purgedCount(JsonPath receipt) {
        return receipt.getLong("categories[0].count");
    }

    String placeHold(String subjectId, String category, String reference) {
        String holdId = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("retention.holds", holdId, "io.cloudpro.retention.hold.placed.v1",
                "{\"holdId\":\"" + holdId + "\",\"subjectId\":\"" + subjectId + "\",\"category\":\"" + category
                        + "\",\"reference\":\"" + reference + "\",\"placedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> countRows("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId) == 1);
        return holdId;
    }

    void liftHold(String holdId) {
        KafkaTopics.sendEvent("retention.holds", holdId, "io.cloudpro.retention.hold.lifted.v1",
                "{\"holdId\":\"" + holdId + "\",\"liftedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> countRows("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId) == 0);
    }

    /** Dates every attempt of the login {@code days} back; how many there are. */
    private long age(String loginId, int days) throws SQLException {
        update("UPDATE login_attempt SET occurred_at = occurred_at - make_interval(days => " + days + ") WHERE credential_id = ?::uuid", loginId);
        return count(loginId);
    }

    private long count(String loginId) throws SQLException {
        return countRows("SELECT count(*) FROM login_attempt WHERE credential_id = ?::uuid", loginId);
    }

    private long countOlder(String loginId, int days) throws SQLException {
        return countRows("SELECT count(*) FROM login_attempt WHERE credential_id = ?::uuid AND occurred_at < now() - make_interval(days => "
                + days + ")", loginId);
    }

    private void update(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }

    private long countRows(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
