package io.cloudpro.identity;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** order-service reads an account's billing details with its service token, and nobody else can. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class BillingDetailsTest {

    @Test
    void aServiceReadsTheNameAndAddressAndTheCompanysVatIdAndKvkNumber() {
        String email = newEmail();
        Map<String, Object> body = new HashMap<>(registration(email));
        body.put("company", Map.of("name", "Jansen Hosting B.V.", "vatId", "NL181702587B02", "kvkNumber", "27347391",
                "address", Map.of("street", "Markt 2", "postalCode", "5041 AA", "city", "Tilburg", "country", "NL")));
        String accountId = IdentityClient.register(body, randomIp());
        JsonPath details = as(PrivacyParticipantTest.serviceToken()).get("/api/v1/billing/accounts/" + accountId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Jan Jansen", details.getString("name"));
        assertEquals("5042 CR", details.getString("address.postalCode"));
        assertEquals("Jansen Hosting B.V.", details.getString("company.name"));
        assertEquals("NL181702587B02", details.getString("company.vatId"));
        assertEquals("27347391", details.getString("company.kvkNumber"));
        assertEquals("Markt 2", details.getString("company.address.street"));

        String consumer = IdentityClient.register(newEmail(), randomIp());
        assertNull(as(PrivacyParticipantTest.serviceToken()).get("/api/v1/billing/accounts/" + consumer)
                .then().statusCode(200).extract().path("company"));
    }

    @Test
    void customersAndUnknownAccountsGetNothing() {
        String email = newEmail();
        String accountId = IdentityClient.register(email, randomIp());
        as(accessToken(email, randomIp())).get("/api/v1/billing/accounts/" + accountId).then().statusCode(403);
        as(PrivacyParticipantTest.serviceToken()).get("/api/v1/billing/accounts/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
