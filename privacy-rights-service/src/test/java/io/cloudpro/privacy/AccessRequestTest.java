package io.cloudpro.privacy;

import io.cloudpro.infra.MailCatcher;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.cloudpro.privacy.PrivacyClient.anonymous;
import static io.cloudpro.privacy.PrivacyClient.awaitStatus;
import static io.cloudpro.privacy.PrivacyClient.customer;
import static io.cloudpro.privacy.PrivacyClient.file;
import static io.cloudpro.privacy.PrivacyClient.mail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access and portability: the data of every participant with the information sheet, downloaded and then gone. */
@QuarkusTest
@WithTestResource(value = PrivacyRightsTestResource.class, scope = TestResourceScope.GLOBAL)
class AccessRequestTest {

    @Test
    void anAccessRequestIsAnsweredWithEveryServicesDataAndTheInformationSheet() {
        PrivacyClient.Customer customer = customer();
        String id = file(customer, Map.of("type", "ACCESS", "details", "What do you keep about me?"));
        mail(customer.email(), "We received your request");

        JsonPath done = awaitStatus(customer, id, "COMPLETED");
        assertEquals("/api/v1/privacy/requests/" + id + "/package", done.getString("packageUrl"));
        assertTrue(done.getList("participants.state").stream().allMatch("ANSWERED"::equals), done.prettify());
        assertTrue(done.getList("participants.service").containsAll(List.of("identity-service", "privacy-rights-service")));

        MailCatcher.Mail ready = mail(customer.email(), "Your data is ready to download");
        JsonPath pack = customer.call().get("/api/v1/privacy/requests/" + id + "/package").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .extract().jsonPath();
        assertEquals("Jansen", pack.getString("services.find { it.service == 'identity-service' }.data.'identity.name-address'[0].lastName"));
        assertEquals("ACCESS", pack.getString("services.find { it.service == 'privacy-rights-service' }.data.'privacy.requests'[0].type"));
        // the information sheet: purposes, basis, recipients, retention and source per category held, and the AP
        assertEquals("our contract with you (art. 6(1)(b) GDPR)",
                pack.getString("informationSheet.categories.find { it.category == 'identity.name-address' }.legalBasis"));
        assertEquals("90 days from the login itself, then deleted",
                pack.getString("informationSheet.categories.find { it.category == 'identity.login-history' }.retention"));
        assertTrue(pack.getList("informationSheet.categories.find { it.category == 'identity.name-address' }.recipients")
                .contains("SIDN, the .nl registry"));
        assertTrue(pack.getString("informationSheet.complaints").contains("Autoriteit Persoonsgegevens"));
        assertEquals("you", pack.getString("informationSheet.categories.find { it.category == 'identity.email' }.source"));

        // the link in the mail works once, without a login
        String token = PrivacyClient.downloadToken(ready);
        anonymous().get("/api/v1/privacy/packages/" + id + "?token=" + token).then().statusCode(200)
                .body("request.id", equalTo(id));
        anonymous().get("/api/v1/privacy/packages/" + id + "?token=" + token).then().statusCode(410)
                .contentType("application/problem+json");
        anonymous().get("/api/v1/privacy/packages/" + id + "?token=nope").then().statusCode(404);
        // another customer sees nothing of it
        customer().call().get("/api/v1/privacy/requests/" + id).then().statusCode(404);
        customer().call().get("/api/v1/privacy/requests/" + id + "/package").then().statusCode(404);
    }

    @Test
    void portabilityGivesOnlyWhatThePersonProvidedWithItsSchema() {
        PrivacyClient.Customer customer = customer();
        String id = file(customer, Map.of("type", "PORTABILITY"));
        awaitStatus(customer, id, "COMPLETED");
        JsonPath pack = customer.call().get("/api/v1/privacy/requests/" + id + "/package").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> identity = pack.getMap("services.find { it.service == 'identity-service' }.data");
        assertTrue(identity.containsKey("identity.name-address"));
        assertTrue(!identity.containsKey("identity.login-history"), "the login history is not portable: " + identity.keySet());
        assertEquals("https://json-schema.org/draft/2020-12/schema", pack.getString("schema.'$schema'"));
        anonymous().get("/api/v1/privacy/schemas/portability-package.json").then().statusCode(200)
                .body("title", notNullValue());
    }

    @Test
    void aSecondAccessRequestWhileOneIsOpenJoinsIt() {
        IdentitySimulator.get().silent(true);
        try {
            PrivacyClient.Customer customer = customer();
            String first = file(customer, Map.of("type", "ACCESS"));
            customer.call().body(Map.of("type", "ACCESS")).post("/api/v1/privacy/requests").then().statusCode(200)
                    .body("id", equalTo(first));
        } finally {
            IdentitySimulator.get().silent(false);
        }
    }
}
