package io.cloudpro.identity;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.identity.PrivacyParticipantTest.Person;
import io.cloudpro.infra.PostgresServer;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.identity.IdentityClient.admin;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.staff;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup restored after some erasures and purges brings their data back; replaying the erasure log
 * takes it away again - except what a legal hold placed after the backup keeps. The backup is a real one of the service's database, taken and restored while
 * the service runs (a data-only dump, as {@code pg_dump --data-only} takes it).
 */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class BackupRestoreTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRestoredBackupDoesNotBringBackWhatWasErasedOrPurgedOnceTheErasureLogIsReplayed() throws SQLException {
        Person erased = PrivacyParticipantTest.person();
        Person withOldLogins = PrivacyParticipantTest.person();
        update("UPDATE login_attempt SET occurred_at = occurred_at - interval '100 days' WHERE credential_id = ?::uuid",
                withOldLogins.loginId());
        String application = ApplicationTest.apply(newEmail(), ApplicationTest.PDF, false).then().statusCode(201)
                .extract().path("id");
        as(staff("recruiter")).body(Map.of("decision", "REJECTED")).post("/api/v1/applications/" + application + "/decision")
                .then().statusCode(200);
        PostgresServer postgres = TestInfrastructure.get().postgres();
        PostgresServer.DataDump backup = postgres.dumpData("service");

        // after the backup: one person erased, old login history purged by its rule, the application by its clock
        PrivacyParticipantTest.result(PrivacyParticipantTest.command("ERASE", erased, ""));
        String rule = UUID.randomUUID().toString();
        String loginPurge = UUID.randomUUID().toString();
        PurgeTest.purge(loginPurge, rule, PurgeTest.LOGIN_HISTORY, Instant.now().minus(90, ChronoUnit.DAYS));
        PrivacyParticipantTest.result(loginPurge);
        PrivacyParticipantTest.result(PurgeTest.purge("{\"subjectId\":\"" + UUID.randomUUID() + "\",\"applicationIds\":[\""
                + application + "\"]}", PurgeTest.APPLICATIONS));
        assertGone(erased, withOldLogins);
        assertEquals(0, count("SELECT count(*) FROM job_application WHERE id = ?::uuid", application), "the purged application");
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaTopics.read("privacy.erasures",
                r -> r.key() != null && (r.key().endsWith(erased.subjectId()) || r.key().endsWith(PurgeTest.LOGIN_HISTORY)
                        || r.value().contains(application)), 3, Duration.ofSeconds(2)).size() >= 3);

        // a hold placed after the backup: the restore brings back the holds as they were, without it
        String holdId = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("retention.holds", holdId, "io.cloudpro.retention.hold.placed.v1", "{\"holdId\":\"" + holdId
                + "\",\"subjectId\":\"" + application + "\",\"category\":\"" + PurgeTest.APPLICATIONS
                + "\",\"reference\":\"case 2026-90\",\"placedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId) == 1);

        postgres.restoreData(backup);
        assertEquals(0, count("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId), "the backup's holds");
        assertEquals(1, count("SELECT count(*) FROM credential WHERE id = ?::uuid", erased.loginId()), "the backup brought back the login");
        assertTrue(count("SELECT count(*) FROM login_attempt WHERE credential_id = ?::uuid AND occurred_at < now() - interval '90 days'",
                withOldLogins.loginId()) >= 3, "... the old login history");
        assertEquals(1, count("SELECT count(*) FROM job_application WHERE id = ?::uuid", application), "... and the application");

        given().auth().oauth2(admin()).post("/api/v1/operations/privacy/erasure-replay").then().statusCode(200)
                .body("replayedSubjects", greaterThanOrEqualTo(1))
                .body("replayedPurges", greaterThanOrEqualTo(2))
                .body("recordsPurgedAgain", greaterThanOrEqualTo(3));
        assertGone(erased, withOldLogins);
        assertEquals(1, count("SELECT count(*) FROM job_application WHERE id = ?::uuid", application),
                "the hold placed after the backup keeps the application the backup brought back");
    }

    private void assertGone(Person erased, Person withOldLogins) throws SQLException {
        assertEquals(0, count("SELECT count(*) FROM credential WHERE id = ?::uuid", erased.loginId()), "the erased login");
        assertEquals(0, count("SELECT count(*) FROM account WHERE id = ?::uuid AND first_name IS NOT NULL", erased.accountId()),
                "the erased name");
        assertEquals(0, count("SELECT count(*) FROM login_attempt WHERE credential_id = ?::uuid"
                + " AND occurred_at < now() - interval '90 days'", withOldLogins.loginId()), "the purged login history");
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

    private void update(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }
}
