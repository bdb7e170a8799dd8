package io.cloudpro.identity;

import io.agroal.api.AgroalDataSource;
import io.cloudpro.testsupport.KafkaTopics;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.admin;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.mails;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.registration;
import static io.cloudpro.identity.IdentityClient.staff;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * identity-service as a privacy participant, driven the way privacy-rights-service drives it: a
 * service token, the subject lookup, commands on Kafka, results and claim-checked exports back.
 */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class PrivacyParticipantTest {

    static final String SERVICE_SECRET = "test-only-service-secret";

    @Inject
    AgroalDataSource dataSource;

    // --- service tokens and the subject lookup ---------------------------------------------------------

    static String serviceToken() {
        return from(randomIp()).body(Map.of("clientId", "privacy-rights-service", "clientSecret", SERVICE_SECRET))
                .post("/api/v1/auth/service-token").then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .extract().path("accessToken");
    }

    @Test
    void onlyConfiguredServicesGetATokenAndItReachesOnlyServiceEndpoints() {
        from(randomIp()).body(Map.of("clientId", "privacy-rights-service", "clientSecret", "wrong"))
                .post("/api/v1/auth/service-token").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://cloudpro.io/problems/invalid-client"));
        from(randomIp()).body(Map.of("clientId", "order-service", "clientSecret", SERVICE_SECRET))
                .post("/api/v1/auth/service-token").then().statusCode(401);
        String token = serviceToken();
        as(token).body(Map.of("email", newEmail())).post("/api/v1/privacy/subjects").then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(403);
        as(token).get("/api/v1/staff").then().statusCode(403);
        // a customer cannot look people up
        String email = newEmail();
        IdentityClient.register(email, randomIp());
        as(accessToken(email, randomIp())).body(Map.of("email", email)).post("/api/v1/privacy/subjects").then().statusCode(403);
    }

    @Test
    void theLookupFindsEveryIdOfTheAddressByLoginOrByAddress() {
        String email = newEmail();
        String accountId = IdentityClient.register(email, randomIp());
        String applicationId = ApplicationTest.apply(email, ApplicationTest.PDF, false).then().statusCode(201)
                .extract().path("id");
        String loginId = as(accessToken(email, randomIp())).get("/api/v1/me").then().statusCode(200).extract().path("loginId");

        for (Map<String, Object> lookup : List.<Map<String, Object>>of(Map.of("email", email.toUpperCase()),
                Map.of("loginId", loginId))) {
            as(serviceToken()).body(lookup).post("/api/v1/privacy/subjects").then().statusCode(200)
                    .body("email", equalTo(email))
                    .body("accountIds", contains(accountId))
                    .body("loginIds", contains(loginId))
                    .body("applicationIds", contains(applicationId));
        }
        as(serviceToken()).body(Map.of("email", newEmail())).post("/api/v1/privacy/subjects").then().statusCode(200)
                .body("accountIds", empty()).body("loginIds", empty()).body("applicationIds", empty());
        as(serviceToken()).body(Map.of()).post("/api/v1/privacy/subjects").then().statusCode(400);
    }

    // --- the commands ----------------------------------------------------------------------------------

    /** A customer with a newsletter subscription, a few logins, a job application and a look by support. */
    record Person(String email, String accountId, String loginId, String applicationId, String subjectId) {
        String subjectJson() {
            return "{\"subjectId\":\"" + subjectId + "\",\"accountIds\":[\"" + accountId + "\"],\"loginIds\":[\""
                    + loginId + "\"],\"applicationIds\":[\"" + applicationId + "\"]}";
        }
    }

    static Person person() {
        String email = newEmail();
        Map<String, Object> body = new HashMap<>(registration(email));
        body.put("newsletter", true);
        String accountId = IdentityClient.register(body, randomIp());
        for (int i = 0; i < 3; i++) {
            accessToken(email, "198.51.100." + (10 + i));
        }
        String loginId = as(accessToken(email, randomIp())).get("/api/v1/me").then().extract().path("loginId");
        String applicationId = ApplicationTest.apply(email, ApplicationTest.PDF, false).then().statusCode(201)
                .extract().path("id");
        as(staff("support")).queryParam("reason", "ticket 5150").get("/api/v1/support/accounts/" + accountId)
                .then().statusCode(200);
        return new Person(email, accountId, loginId, applicationId, accountId);
    }

    static String command(String kind, Person person, String extra) {
        String commandId = UUID.randomUUID().toString();
        sendCommand(commandId, kind, person, extra);
        return commandId;
    }

    static void sendCommand(String commandId, String kind, Person person, String extra) {
        KafkaTopics.sendEvent("privacy.commands", person.subjectId(),
                "io.cloudpro.privacy.command." + kind.toLowerCase().replace('_', '-') + ".v1",
                "{\"commandId\":\"" + commandId + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"kind\":\"" + kind
                        + "\",\"subject\":" + person.subjectJson() + extra + ",\"issuedAt\":\"" + Instant.now() + "\"}");
    }

    static List<JsonPath> results(String commandId, int count) {
        List<ConsumerRecord<String, String>> records = KafkaTopics.read("privacy.results",
                r -> r.value().contains(commandId), count, Duration.ofSeconds(60));
        assertEquals(count, records.size(), "results of command " + commandId);
        return records.stream().map(r -> new JsonPath(r.value())).toList();
    }

    static JsonPath result(String commandId) {
        return results(commandId, 1).get(0);
    }

    @Test
    void anExportHoldsEverythingAboutThePersonAndIsFetchedOnceWithAServiceToken() {
        Person person = person();
        JsonPath result = result(command("EXPORT", person, ""));
        assertEquals("identity-service", result.getString("service"));
        assertTrue(result.getBoolean("found"));
        assertTrue(result.getList("categories.category").containsAll(List.of("identity.name-address", "identity.email",
                "identity.phone", "identity.login-details", "identity.login-history", "identity.newsletter-consent",
                "identity.job-applications", "identity.staff-access")), result.prettify());
        String url = result.getString("export.url");
        // the record carries a claim check, never the data
        assertFalse(result.prettify().contains(person.email()));

        given().get(url).then().statusCode(401);
        as(accessToken(person.email(), randomIp())).get(url).then().statusCode(403);
        JsonPath export = as(serviceToken()).get(url).then().statusCode(200).extract().jsonPath();
        assertEquals(person.subjectId(), export.getString("subjectId"));
        assertEquals("Jansen", export.getString("data.'identity.name-address'[0].lastName"));
        assertEquals(person.email(), export.getString("data.'identity.email'[0].email"));
        assertTrue(export.getList("data.'identity.login-history'.attempts").size() >= 5);
        assertEquals(List.of("ticket 5150"), export.getList("data.'identity.staff-access'.reason"));
        assertEquals(true, export.getBoolean("data.'identity.newsletter-consent'[0].subscribed"));
        assertEquals("2019-01-25", export.getString("data.'identity.newsletter-consent'[0].proof[0].privacyNoticeVersion"));
        byte[] cv = Base64.getDecoder().decode(export.getString("data.'identity.job-applications'[0].cv.base64"));
        assertEquals(new String(ApplicationTest.PDF), new String(cv), "the CV arrives whole");

        as(serviceToken()).delete(url).then().statusCode(204);
        as(serviceToken()).get(url).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theHoldingsCountWhatTheExportHoldsPerCategoryWithoutTheData() {
        Person person = person();
        JsonPath holdings = as(serviceToken()).contentType("application/json").body(person.subjectJson())
                .post("/api/v1/privacy/holdings").then().statusCode(200).extract().jsonPath();
        assertEquals("identity-service", holdings.getString("service"));
        assertEquals(1, holdings.getInt("categories.find { it.category == 'identity.name-address' }.records"));
        assertEquals(1, holdings.getInt("categories.find { it.category == 'identity.job-applications' }.records"));
        assertTrue(holdings.getInt("categories.find { it.category == 'identity.login-history' }.records") >= 5,
                holdings.prettify());
        assertFalse(holdings.prettify().contains(person.email()), "counts only, never the data");

        // the same counts as an access request's export
        JsonPath exported = result(command("EXPORT", person, ""));
        for (String category : exported.<String>getList("categories.category")) {
            assertEquals(exported.getLong("categories.find { it.category == '" + category + "' }.count"),
                    holdings.getLong("categories.find { it.category == '" + category + "' }.records"), category);
        }
    }

    @Test
    void aRestrictedPersonGetsNoNewsletterAndSupportSeesTheFlagUntilItIsLifted() {
        Person restricted = person();
        Person other = person();
        JsonPath result = result(command("RESTRICT", restricted, ""));
        assertTrue(result.getList("categories.outcome").contains("RESTRICTED"));
        String support = staff("support");
        as(support).queryParam("reason", "ticket 6000").get("/api/v1/support/accounts/" + restricted.accountId())
                .then().statusCode(200)
                .body("restricted", equalTo(true))
                .body("restrictedSince", notNullValue());
        as(accessToken(restricted.email(), randomIp())).get("/api/v1/me").then().body("restrictedSince", notNullValue());

        String subject = "News " + UUID.randomUUID();
        as(admin()).body(Map.of("subject", subject, "text", "New data centre in Tilburg."))
                .post("/api/v1/newsletter/issues").then().statusCode(200);
        IdentityClient.mail(other.email(), subject);
        assertTrue(mails(restricted.email()).stream().noneMatch(m -> m.subject().equals(subject)),
                "a restricted person gets no newsletter");

        result(command("LIFT_RESTRICTION", restricted, ""));
        as(support).queryParam("reason", "ticket 6000").get("/api/v1/support/accounts/" + restricted.accountId())
                .then().body("restricted", equalTo(false)).body("restrictedSince", nullValue());
    }

    @Test
    void anObjectionToDirectMarketingStopsTheNewsletterAtOnceAndOthersAreRecordedWithTheDecision() {
        Person person = person();
        JsonPath marketing = result(command("OBJECT", person, ",\"processing\":\"direct-marketing\""));
        assertEquals(List.of("STOPPED"), marketing.getList("categories.outcome"));
        String owner = accessToken(person.email(), randomIp());
        as(owner).get("/api/v1/me/newsletter").then().body("subscribed", equalTo(false));

        JsonPath history = result(command("OBJECT", person, ",\"processing\":\"identity.login-history\",\"upheld\":false"));
        assertEquals(List.of("RECORDED"), history.getList("categories.outcome"));
        String url = result(command("EXPORT", person, "")).getString("export.url");
        JsonPath export = as(serviceToken()).get(url).then().statusCode(200).extract().jsonPath();
        assertEquals("OBJECTION", export.getString("data.'identity.newsletter-consent'[0].proof[-1].method"));
        assertEquals(List.of("identity.login-history"), export.getList("data.'identity.login-history'.objections.processing"));
        assertEquals(List.of(false), export.getList("data.'identity.login-history'.objections.upheld"));
    }

    @Test
    void rectificationAppliesTheOfficersCorrectionsDeliveredOverRestAndNamesTheFields() {
        Person person = person();
        String commandId = UUID.randomUUID().toString();
        as(serviceToken()).body(Map.of("corrections", new java.util.LinkedHashMap<>(Map.of("lastName", "Jansen-de Vries",
                        "address.postalCode", "5041 AB")))).put("/api/v1/privacy/corrections/" + commandId).then().statusCode(204);
        as(accessToken(person.email(), randomIp())).body(Map.of("corrections", Map.of("lastName", "x")))
                .put("/api/v1/privacy/corrections/" + commandId).then().statusCode(403);
        sendCommand(commandId, "RECTIFY", person, "");
        JsonPath result = result(commandId);
        assertEquals(java.util.Set.of("lastName", "address.postalCode"), java.util.Set.copyOf(result.getList("changedFields")));
        as(accessToken(person.email(), randomIp())).get("/api/v1/me").then()
                .body("lastName", equalTo("Jansen-de Vries"))
                .body("address.postalCode", equalTo("5041 AB"));
    }

    @Test
    void erasureLeavesOnlyWhatTheResultListsAsWithheldAndIsRecordedOnTheErasureLog() throws SQLException {
        Person person = person();
        String owner = accessToken(person.email(), randomIp());
        as(owner).body(Map.of("subscribed", false)).put("/api/v1/me/newsletter").then().statusCode(200);
        // a legal hold on the person's job applications arrives from retention-service
        String holdId = UUID.randomUUID().toString();
        KafkaTopics.sendEvent("retention.holds", holdId, "io.cloudpro.retention.hold.placed.v1",
                "{\"holdId\":\"" + holdId + "\",\"subjectId\":\"" + person.subjectId() + "\",\"category\":"
                        + "\"identity.job-applications\",\"reference\":\"case 2026-17\",\"placedAt\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM legal_hold WHERE hold_id = ?::uuid", holdId) == 1);

        String commandId = command("ERASE", person, "");
        JsonPath result = result(commandId);
        assertTrue(result.getBoolean("found"));
        assertTrue(result.getList("categories.category").containsAll(List.of("identity.name-address", "identity.email",
                "identity.login-details", "identity.login-history", "identity.staff-access")), result.prettify());
        List<Map<String, Object>> withheld = result.getList("withheld");
        assertTrue(withheld.stream().anyMatch(w -> "identity.job-applications".equals(w.get("category"))
                && "case 2026-17".equals(w.get("holdReference"))), result.prettify());
        assertTrue(withheld.stream().anyMatch(w -> "identity.newsletter-consent".equals(w.get("category"))
                && w.get("law") != null && w.get("until") != null), result.prettify());

        // the old token is refused, and the database holds nothing of the person but what was withheld
        as(owner).get("/api/v1/me").then().statusCode(401);
        assertEquals(0, count("SELECT count(*) FROM credential WHERE email = ?", person.email()));
        assertEquals(0, count("SELECT count(*) FROM account WHERE id = ?::uuid AND (first_name IS NOT NULL"
                + " OR street IS NOT NULL OR phone IS NOT NULL OR erased_at IS NULL)", person.accountId()));
        assertEquals(0, count("SELECT count(*) FROM login_attempt WHERE credential_id = ?::uuid", person.loginId()));
        assertEquals(0, count("SELECT count(*) FROM account_access WHERE account_id = ?::uuid", person.accountId()));
        assertEquals(0, count("SELECT count(*) FROM mail_outbox WHERE recipient = ?", person.email()));
        assertEquals(1, count("SELECT count(*) FROM job_application WHERE email = ?", person.email()), "held");
        assertEquals(2, count("SELECT count(*) FROM newsletter_consent WHERE account_id = ?::uuid", person.accountId()),
                "the consent proof is withheld");

        // the same command again: the same answer, no second effect
        sendCommand(commandId, "ERASE", person, "");
        List<JsonPath> both = results(commandId, 2);
        assertEquals(both.get(0).getList("categories"), both.get(1).getList("categories"));

        List<ConsumerRecord<String, String>> log = KafkaTopics.read("privacy.erasures",
                r -> ("identity-service/" + person.subjectId()).equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, log.size());
        assertFalse(log.get(0).value().contains(person.email()), "the erasure log holds ids only");
        assertFalse(log.get(0).value().contains("Jansen"));
    }

    @Test
    void theCatalogueIsServedWithEveryCategoryDeclared() {
        given().get("/api/v1/privacy/catalogue").then().statusCode(200)
                .body("service", equalTo("identity-service"))
                .body("categories.key", hasItem("identity.login-history"))
                .body("categories.find { it.key == 'identity.login-history' }.retention.period", equalTo("P90D"))
                .body("categories.find { it.key == 'identity.newsletter-consent' }.erasure.behaviour", equalTo("WITHHELD"));
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
