package io.cloudpro.retention;

import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.ServiceTestResource;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policies built from a published catalogue, the privacy officer's versioned changes (never below
 * a statutory minimum), and rolling rules purged by cut-off with their receipts kept.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class RetentionPoliciesTest {

    /** A catalogue as a service publishes it at start: a rolling rule, a statutory one, one a clock starts. */
    static String publishCatalogue(String service) {
        String prefix = service + ".";
        String catalogue = """
                {"catalogue":{"service":"%1$s","baseUrl":"http://localhost:1","technicalTables":[],"categories":[
                  {"key":"%2$slogins","name":"Logins","description":"When you logged in.","purposes":["protect your account"],
                   "legalBasis":"LEGITIMATE_INTERESTS","recipients":[],"retention":{"period":"P90D","startsAt":"the login itself","action":"DELETE"},
                   "erasure":{"behaviour":"ERASED"},"portable":false,"source":"SERVICE","tables":["login"]},
                  {"key":"%2$sinvoices","name":"Invoices","description":"Your invoices.","purposes":["the tax law"],
                   "legalBasis":"LEGAL_OBLIGATION","recipients":[],"retention":{"period":"P7Y","startsAt":"the end of the fiscal year",
                   "action":"DELETE","statutoryMinimum":"P7Y","law":"AWR art. 52"},
                   "erasure":{"behaviour":"WITHHELD","exception":"art. 17(3)(b)","law":"AWR art. 52","until":"7 years"},"portable":false,"source":"SERVICE","tables":["invoice"]},
                  {"key":"%2$sapplications","name":"Applications","description":"Your application.","purposes":["recruitment"],
                   "legalBasis":"CONSENT","recipients":[],"retention":{"period":"P28D","startsAt":"the rejection",
                   "startEvent":"io.cloudpro.identity.application.decided.v1","action":"DELETE"},
                   "erasure":{"behaviour":"ERASED"},"portable":true,"source":"DATA_SUBJECT","tables":["application"]},
                  {"key":"%2$saccount","name":"Account","description":"Your name and address.","purposes":["the contract"],
                   "legalBasis":"CONTRACT","recipients":[],"retention":{"period":"P30D","startsAt":"the account is closed",
                   "startEvent":"io.cloudpro.identity.account.closed.v1","action":"DELETE"},
                   "erasure":{"behaviour":"ANONYMISED"},"portable":true,"source":"DATA_SUBJECT","tables":["account"]},
                  {"key":"%2$snewsletter","name":"Newsletter consent","description":"Proof of your consent.","purposes":["proof"],
                   "legalBasis":"CONSENT","recipients":[],"retention":{"period":"P2Y","startsAt":"the consent was withdrawn",
                   "startEvent":"io.cloudpro.identity.newsletter.consent-changed.v1","action":"DELETE"},
                   "erasure":{"behaviour":"ERASED"},"portable":true,"source":"DATA_SUBJECT","tables":["consent"]},
                  {"key":"%2$smail","name":"Mail waiting to be sent","description":"A message to you.","purposes":["mail you"],
                   "legalBasis":"CONTRACT","recipients":[],"retention":{"period":"PT1H","startsAt":"the message was queued",
                   "action":"DELETE","enforcedBy":"OWNER"},
                   "erasure":{"behaviour":"ERASED"},"portable":false,"source":"SERVICE","tables":["mail"]}]},
                 "publishedAt":"%3$s"}""".formatted(service, prefix, Instant.now());
        KafkaTopics.sendEvent("privacy.catalogues", service, "io.cloudpro.privacy.catalogue.published.v1", catalogue);
        await().atMost(Duration.ofSeconds(30)).until(() -> officer().get("/api/v1/retention/policies/" + prefix + "applications")
                .statusCode() == 200);
        return prefix;
    }

    static RequestSpecification officer() {
        return as(TestTokens.staff("privacy-officer").build());
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    @Test
    void aPublishedCatalogueBecomesOnePolicyPerCategoryReadableByTheOfficerAndAdmins() {
        String prefix = publishCatalogue("svc-" + UUID.randomUUID().toString().substring(0, 8));
        officer().get("/api/v1/retention/policies/" + prefix + "logins").then().statusCode(200)
                .body("period", equalTo("P90D"))
                .body("declaredPeriod", equalTo("P90D"))
                .body("startsAt", equalTo("the login itself"))
                .body("action", equalTo("DELETE"))
                .body("version", equalTo(1))
                .body("enforcedBy", equalTo("RETENTION_SERVICE"));
        officer().get("/api/v1/retention/policies/" + prefix + "invoices").then().statusCode(200)
                .body("statutoryMinimum", equalTo("P7Y")).body("law", equalTo("AWR art. 52"));
        officer().get("/api/v1/retention/policies").then().statusCode(200)
                .body("category", hasItem(prefix + "applications"));
        as(TestTokens.staff("admin").build()).get("/api/v1/retention/policies").then().statusCode(200);
        as(TestTokens.customer().build()).get("/api/v1/retention/policies").then().statusCode(403);
        given().get("/api/v1/retention/policies").then().statusCode(401);
        officer().get("/api/v1/retention/policies/no.such-category").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theOfficerChangesAPeriodWithAReasonNeverBelowTheStatutoryMinimumAndEveryVersionIsKept() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = publishCatalogue(service);
        String officerLogin = UUID.randomUUID().toString();
        String token = TestTokens.staff("privacy-officer").subject(officerLogin).build();

        as(token).body(Map.of("period", "P5Y", "reason", "shorter")).put("/api/v1/retention/policies/" + prefix + "invoices")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://cloudpro.io/problems/below-statutory-minimum"));
        as(token).body(Map.of("period", "ninety days", "reason", "x")).put("/api/v1/retention/policies/" + prefix + "logins")
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
        as(TestTokens.staff("admin").build()).body(Map.of("period", "P60D", "reason", "admins only read"))
                .put("/api/v1/retention/policies/" + prefix + "logins").then().statusCode(403);

        as(token).body(Map.of("period", "P60D", "reason", "we only ever look 60 days back"))
                .put("/api/v1/retention/policies/" + prefix + "logins").then().statusCode(200)
                .body("period", equalTo("P60D")).body("declaredPeriod", equalTo("P90D")).body("version", equalTo(2));
        as(token).body(Map.of("period", "P8Y", "reason", "the accountant asks for a year more"))
                .put("/api/v1/retention/policies/" + prefix + "invoices").then().statusCode(200).body("period", equalTo("P8Y"));

        JsonPath versions = officer().get("/api/v1/retention/policies/" + prefix + "logins/versions").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(2, 1), versions.getList("version"));
        assertEquals(List.of("P60D", "P90D"), versions.getList("period"));
        assertEquals(officerLogin, versions.getString("[0].changedBy"));
        assertEquals("we only ever look 60 days back", versions.getString("[0].reason"));

        // the period in force is published for the information sheet and the privacy statement
        List<ConsumerRecord<String, String>> inForce = KafkaTopics.read("retention.policies",
                r -> (prefix + "logins").equals(r.key()), 2, Duration.ofSeconds(30));
        assertEquals(2, inForce.size(), "the catalogue's period, then the officer's");
        JsonPath latest = new JsonPath(inForce.get(1).value());
        assertEquals("P60D", latest.getString("period"));
        assertEquals(2, latest.getInt("version"));

        // a category its owner deletes as it expires: shown, not changed here
        officer().get("/api/v1/retention/policies/" + prefix + "mail").then().statusCode(200)
                .body("enforcedBy", equalTo("OWNER")).body("period", equalTo("PT1H"));
        as(token).body(Map.of("period", "P1D", "reason", "longer")).put("/api/v1/retention/policies/" + prefix + "mail")
                .then().statusCode(409).body("type", equalTo("https://cloudpro.io/problems/enforced-by-owner"));

        // the service starts again and publishes the same catalogue: the officer's period stays
        publishCatalogue(service);
        officer().get("/api/v1/retention/policies/" + prefix + "logins").then().body("period", equalTo("P60D"))
                .body("version", equalTo(2));
    }

    @Test
    void aRollingRuleIsPurgedByCutoffSentAgainUntilItsReceiptComesAndTheReceiptIsKept() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = publishCatalogue(service);
        String category = prefix + "logins";

        // the scheduler sends a PURGE by cut-off to the owning service only; no person is named
        List<ConsumerRecord<String, String>> commands = KafkaTopics.read("privacy.commands",
                r -> r.value().contains("\"" + category + "\""), 2, Duration.ofSeconds(30));
        assertEquals(2, commands.size(), "sent, and sent again while no receipt came");
        JsonPath command = new JsonPath(commands.get(0).value());
        assertEquals("PURGE", command.getString("kind"));
        assertEquals(List.of(service), command.getList("targets"));
        Instant cutoff = Instant.parse(command.getString("cutoff"));
        Instant expected = Instant.now().minus(90, ChronoUnit.DAYS);
        assertTrue(Duration.between(cutoff, expected).abs().compareTo(Duration.ofMinutes(1)) < 0, "cut-off: now - P90D");
        assertEquals(command.getString("commandId"), new JsonPath(commands.get(1).value()).getString("commandId"),
                "sent again under the same id");
        for (String ids : List.of("accountIds", "loginIds", "applicationIds")) {
            assertEquals(List.of(), command.getList("subject." + ids), "a rule's purge names no person");
        }
        // the category with a start event is not a rolling rule, nor one its owner deletes as it expires
        assertTrue(KafkaTopics.read("privacy.commands", r -> r.value().contains("\"" + prefix + "applications\"")
                || r.value().contains("\"" + prefix + "mail\""), 1, Duration.ofSeconds(2)).isEmpty());

        String commandId = command.getString("commandId");
        Instant completed = Instant.now();
        KafkaTopics.sendEvent("privacy.results", command.getString("subject.subjectId"), "io.cloudpro.privacy.result.purge.v1",
                """
                {"commandId":"%s","kind":"PURGE","service":"%s","subjectId":"%s","found":true,
                 "categories":[{"category":"%s","outcome":"PURGED","count":1234}],
                 "withheld":[{"category":"%s","record":"the records of one held subject","exception":"legal hold","holdReference":"case 9"}],
                 "changedFields":[],"recipientsToInform":[],"cutoff":"%s","completedAt":"%s"}"""
                        .formatted(commandId, service, command.getString("subject.subjectId"), category, category, cutoff, completed));
        await().atMost(Duration.ofSeconds(30)).until(() -> officer().queryParam("category", category)
                .get("/api/v1/retention/receipts").then().extract().jsonPath().getInt("total") == 1);
        officer().queryParam("category", category).get("/api/v1/retention/receipts").then().statusCode(200)
                .body("items[0].commandId", equalTo(commandId))
                .body("items[0].outcome", equalTo("PURGED"))
                .body("items[0].purged", equalTo(1234))
                .body("items[0].holdReferences", equalTo(List.of("case 9")))
                .body("items[0].service", equalTo(service));
        JsonPath receipt = officer().queryParam("category", category).get("/api/v1/retention/receipts").then().extract().jsonPath();
        assertEquals(completed.atZone(java.time.ZoneOffset.UTC).plusYears(5).toInstant().truncatedTo(ChronoUnit.SECONDS),
                Instant.parse(receipt.getString("items[0].keepUntil")).truncatedTo(ChronoUnit.SECONDS), "kept 5 years");
    }
}
