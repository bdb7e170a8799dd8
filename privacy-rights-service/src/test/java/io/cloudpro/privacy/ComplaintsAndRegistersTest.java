package io.cloudpro.privacy;

import io.cloudpro.infra.MailCatcher;
import io.cloudpro.testsupport.KafkaTopics;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.privacy.PrivacyClient.anonymous;
import static io.cloudpro.privacy.PrivacyClient.awaitStatus;
import static io.cloudpro.privacy.PrivacyClient.code;
import static io.cloudpro.privacy.PrivacyClient.customer;
import static io.cloudpro.privacy.PrivacyClient.file;
import static io.cloudpro.privacy.PrivacyClient.mail;
import static io.cloudpro.privacy.PrivacyClient.newEmail;
import static io.cloudpro.privacy.PrivacyClient.officer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Complaints, the register of disclosures and the privacy statement built from the register of processing. */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class ComplaintsAndRegistersTest {

    @Test
    void complaintsAreAcknowledgedAndAnsweredWithTheRightToGoToTheAp() {
        PrivacyClient.Customer customer = customer();
        String id = customer.call().body(Map.of("text", "You mailed my invoice to the wrong address."))
                .post("/api/v1/privacy/complaints").then().statusCode(201)
                .body("status", equalTo("RECEIVED"))
                .body("complaintRights", containsString("Autoriteit Persoonsgegevens"))
                .extract().path("id");
        mail(customer.email(), "We received your complaint");
        mail("privacy@cloudpro.io", "A new complaint");
        officer().get("/api/v1/privacy/officer/complaints?size=100").then().statusCode(200)
                .body("items.id", hasItem(id));
        officer().body(Map.of("answer", "We corrected the address and apologise."))
                .post("/api/v1/privacy/officer/complaints/" + id + "/answer").then().statusCode(200)
                .body("status", equalTo("ANSWERED"));
        MailCatcher.Mail answer = mail(customer.email(), "Our answer to your complaint");
        assertTrue(answer.body().contains("We corrected the address") && answer.body().contains("Autoriteit Persoonsgegevens"));
        officer().body(Map.of("answer", "again")).post("/api/v1/privacy/officer/complaints/" + id + "/answer").then()
                .statusCode(409).body("type", equalTo("https://cloudpro.io/problems/already-answered"));
        JsonPath seen = officer().get("/api/v1/privacy/officer/complaints/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("complaint.received", "complaint.answered"), seen.getList("history.kind"));
        customer.call().get("/api/v1/privacy/complaints").then().statusCode(200).body("[0].answer", containsString("corrected"));
        customer().call().get("/api/v1/privacy/complaints").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anyoneCanComplainWithAVerifiedAddress() {
        String email = newEmail();
        String verification = anonymous().body(Map.of("email", email, "text", "Why did you call me?"))
                .post("/api/v1/privacy/public/complaints").then().statusCode(202).extract().path("verificationId");
        anonymous().body(Map.of("code", code(mail(email, "Your code to confirm your complaint"))))
                .post("/api/v1/privacy/public/verifications/" + verification).then().statusCode(201)
                .body("filed", equalTo("complaint"))
                .body("complaint.status", equalTo("RECEIVED"));
        mail(email, "We received your complaint");
    }

    @Test
    void accessAnswersNameTheRecipientsFromTheRegisterOfDisclosuresIncludingPoliceClaims() {
        PrivacyClient.Customer customer = customer();
        String subject = customer.person().accountId().toString();
        KafkaTopics.sendEvent("privacy.disclosures", subject, "io.cloudpro.privacy.disclosure.v1",
                "{\"disclosureId\":\"" + UUID.randomUUID() + "\",\"service\":\"order-service\",\"subjectId\":\"" + subject
                        + "\",\"recipient\":\"Mollie B.V.\",\"categories\":[\"orders.payment\"],\"fields\":[\"amount\",\"name\"],"
                        + "\"basis\":\"contract\",\"reference\":\"tr_7UhSN1zuXS\",\"disclosedAt\":\"2026-11-20T10:00:00Z\"}");
        officer().body(Map.of("subjectId", subject, "authority", "Politie Eenheid Zeeland-West-Brabant",
                        "claimReference", "PL2000-2026123456", "legalBasis", "art. 126nc Sv",
                        "categories", List.of("identity.name-address"), "fields", List.of("firstName", "lastName", "street")))
                .post("/api/v1/privacy/disclosures/police-claims").then().statusCode(201)
                .body("kind", equalTo("POLICE_CLAIM"));
        await().atMost(Duration.ofSeconds(30)).until(() -> officer().get("/api/v1/privacy/disclosures?subjectId=" + subject)
                .then().extract().jsonPath().getInt("total") == 2);

        String id = file(customer, Map.of("type", "ACCESS"));
        awaitStatus(customer, id, "COMPLETED");
        JsonPath pack = customer.call().get("/api/v1/privacy/requests/" + id + "/package").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("Mollie B.V.", "Politie Eenheid Zeeland-West-Brabant"),
                pack.getList("informationSheet.recipients.name"));
        assertEquals(List.of("orders.payment"), pack.getList("informationSheet.recipients[0].categories"));

        given().auth().oauth2(TestTokens.staff("admin").build()).get("/api/v1/privacy/disclosures").then().statusCode(200);
        customer.call().get("/api/v1/privacy/disclosures").then().statusCode(403);
        customer.call().body(Map.of()).post("/api/v1/privacy/disclosures/police-claims").then().statusCode(403);
        officer().body(Map.of("authority", "x")).post("/api/v1/privacy/disclosures/police-claims").then().statusCode(400)
                .body("errors.field", hasItem("subjectId"));
    }

    @Test
    void theStatementSaysThePeriodInForceOnceThePrivacyOfficerChangedIt() {
        String complaints = "categories.find { it.category == 'privacy.complaints' }.retention";
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/privacy/statement").then().extract()
                .jsonPath().getString(complaints) != null);
        KafkaTopics.sendEvent("retention.policies", "privacy.complaints", "io.cloudpro.retention.period-in-force.v1",
                "{\"category\":\"privacy.complaints\",\"period\":\"P3Y\",\"version\":7,\"changedAt\":\"2026-11-20T10:00:00Z\"}");
        // an older version arriving late changes nothing
        KafkaTopics.sendEvent("retention.policies", "privacy.complaints", "io.cloudpro.retention.period-in-force.v1",
                "{\"category\":\"privacy.complaints\",\"period\":\"P2Y\",\"version\":6,\"changedAt\":\"2026-11-19T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/privacy/statement").then().extract()
                .jsonPath().getString(complaints).startsWith("3 years from the complaint was answered"));
        assertEquals("3 years from the complaint was answered, then anonymised",
                given().get("/api/v1/privacy/statement").then().extract().jsonPath().getString(complaints));
    }

    @Test
    void thePrivacyStatementIsGeneratedFromTheCataloguesWithItsVersionAndAnnounced() {
        JsonPath statement = await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/privacy/statement")
                .then().extract(), r -> r.statusCode() == 200).jsonPath();
        String version = statement.getString("version");
        assertTrue(version.matches("\\d{4}-\\d{2}-\\d{2}(\\.\\d+)?"), version);
        assertTrue(statement.getList("categories.category").containsAll(List.of("identity.name-address", "privacy.requests")));
        assertEquals("90 days from the login itself, then deleted",
                statement.getString("categories.find { it.category == 'identity.login-history' }.retention"));
        assertTrue(statement.getList("thirdParties").contains("SIDN, the .nl registry"));
        assertTrue(statement.getString("complaints").contains("Autoriteit Persoonsgegevens"));

        given().get("/api/v1/privacy/statement/versions").then().statusCode(200).body("version", hasItem(version));
        given().get("/api/v1/privacy/statement/versions/" + version).then().statusCode(200).body("version", equalTo(version));
        given().get("/api/v1/privacy/statement/versions/1999-01-01").then().statusCode(404);
        given().accept("text/html").get("/privacy-statement").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Version " + version))
                .body(containsString("IP addresses of logins"))
                .body(containsString("Autoriteit Persoonsgegevens"));

        var announced = KafkaTopics.read("privacy.statements", r -> r.value().contains("\"version\":\"" + version + "\""), 1,
                Duration.ofSeconds(30));
        assertEquals(1, announced.size());

        officer().get("/api/v1/privacy/register").then().statusCode(200)
                .body("services.service", hasItem("identity-service"))
                .body("services.find { it.service == 'privacy-rights-service' }.categories.tables.flatten()", hasItem("dsr_request"));
        customer().call().get("/api/v1/privacy/register").then().statusCode(403);
    }

    @Test
    void thePrivacyStatementIsPublishedInDutchTooChosenByLinkOrByTheBrowsersLanguage() {
        String loginHistory = "nl.categories.find { it.category == 'identity.login-history' }";
        JsonPath statement = await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/privacy/statement")
                .then().extract(), r -> r.statusCode() == 200 && r.jsonPath().get(loginHistory) != null).jsonPath();
        assertEquals("IP-adressen van logins", statement.getString(loginHistory + ".name"));
        assertEquals("90 dagen vanaf de login zelf, daarna verwijderd", statement.getString(loginHistory + ".retention"));
        assertEquals("ons gerechtvaardigd belang (art. 6 lid 1 sub f AVG)", statement.getString(loginHistory + ".legalBasis"));
        // a category whose service declared no Dutch words yet keeps its English ones rather than vanish
        assertEquals("Name and address",
                statement.getString("nl.categories.find { it.category == 'identity.name-address' }.name"));
        // this service's own catalogue is worded in Dutch (every service's contract test checks its own)
        String requests = "categories.find { it.category == 'privacy.requests' }.name";
        assertTrue(!statement.getString("nl." + requests).equals(statement.getString(requests)), statement.getString("nl." + requests));
        assertTrue(statement.getString("nl.complaints").contains("Autoriteit Persoonsgegevens"));

        String dutch = given().queryParam("lang", "nl").get("/privacy-statement").then().statusCode(200)
                .header("Content-Language", "nl").header("Vary", containsString("Accept-Language"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();
        assertTrue(dutch.contains("<html lang=\"nl\">"), dutch);
        assertTrue(dutch.contains("<h1>Privacyverklaring</h1>"), dutch);
        assertTrue(dutch.contains("Versie " + statement.getString("version") + ", van kracht sinds"), dutch);
        assertTrue(dutch.contains("IP-adressen van logins") && dutch.contains("90 dagen vanaf de login zelf, daarna verwijderd"));
        assertTrue(dutch.contains("Uw rechten") && dutch.contains("Wissing:"), dutch);
        assertTrue(dutch.contains("<a href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"), dutch);

        given().header("Accept-Language", "nl-NL,nl;q=0.9,en;q=0.8").get("/privacy-statement").then().statusCode(200)
                .body(containsString("<h1>Privacyverklaring</h1>"));
        given().header("Accept-Language", "de-DE,en;q=0.5").get("/privacy-statement").then().statusCode(200)
                .header("Content-Language", "en").body(containsString("<h1>Privacy statement</h1>"))
                .body(containsString("90 days from the login itself, then deleted"));
        // the link wins over the browser, and an unknown language or a malformed header is English
        given().header("Accept-Language", "nl").queryParam("lang", "en").get("/privacy-statement").then()
                .body(containsString("<h1>Privacy statement</h1>"));
        given().header("Accept-Language", ";;;q=x").queryParam("lang", "xx").get("/privacy-statement").then().statusCode(200)
                .body(containsString("<h1>Privacy statement</h1>"));
        given().queryParam("lang", "nl").get("/privacy-statement/" + statement.getString("version")).then().statusCode(200)
                .body(containsString("<h1>Privacyverklaring</h1>"));
    }
}
