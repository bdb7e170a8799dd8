package io.cloudpro.identity;

import io.cloudpro.testsupport.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.admin;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static io.cloudpro.identity.IdentityClient.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

/** Staff roles, the first admin, and support access that is always accounted for. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class StaffAndSupportTest {

    @Test
    void theFirstAdminFromConfigurationHasNoPasswordUntilTheMailedLinkIsUsed() {
        login(IdentityTestResource.ADMIN_EMAIL, "", randomIp()).then().statusCode(401);
        as(admin()).get("/api/v1/staff").then()
                .statusCode(200)
                .body("items.email", hasItem(IdentityTestResource.ADMIN_EMAIL));
    }

    @Test
    void supportSearchesAndViewsAccountsOnlyWithAReasonAndEveryAccessIsRecorded() {
        String email = newEmail();
        String accountId = register(email, randomIp());
        String support = staff("support");

        as(support).queryParam("q", email).get("/api/v1/support/accounts").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        as(support).queryParam("q", email).queryParam("reason", "ticket 4711").get("/api/v1/support/accounts").then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(accountId));
        as(support).queryParam("reason", "ticket 4711: wrong invoice address").get("/api/v1/support/accounts/" + accountId)
                .then()
                .statusCode(200)
                .body("email", equalTo(email))
                .body("address.postalCode", equalTo("5042 CR"));
        as(support).queryParam("reason", "x").get("/api/v1/support/accounts/" + UUID.randomUUID()).then().statusCode(404);

        as(staff("privacy-officer")).get("/api/v1/support/accounts/" + accountId + "/access-log").then()
                .statusCode(200)
                .body("items.action", contains("VIEW", "SEARCH"))
                .body("items.reason", contains("ticket 4711: wrong invoice address", "ticket 4711"));
        as(support).get("/api/v1/support/accounts/" + accountId + "/access-log").then().statusCode(403);
    }

    @Test
    void customersAndOtherRolesCannotUseStaffEndpoints() {
        String email = newEmail();
        String accountId = register(email, randomIp());
        String customer = accessToken(email, randomIp());
        as(customer).queryParam("reason", "curious").get("/api/v1/support/accounts/" + accountId).then().statusCode(403);
        as(customer).get("/api/v1/staff").then().statusCode(403);
        as(staff("recruiter")).queryParam("reason", "x").get("/api/v1/support/accounts/" + accountId).then().statusCode(403);
        as(staff("support")).get("/api/v1/staff").then().statusCode(403);
        // a support token minted elsewhere, without a session of identity-service, names nobody here
        as(TestTokens.staff("support").build()).queryParam("reason", "x")
                .get("/api/v1/support/accounts/" + accountId).then().statusCode(401);
    }

    @Test
    void aLockedAccountCannotLogInUntilUnlocked() {
        String email = newEmail();
        String accountId = register(email, randomIp());
        String customer = accessToken(email, randomIp());
        String support = staff("support");

        as(support).body(Map.of("reason", "suspected takeover, ticket 99")).post("/api/v1/support/accounts/" + accountId + "/lock")
                .then().statusCode(200).body("status", equalTo("LOCKED"));
        as(customer).get("/api/v1/me").then().statusCode(401);
        login(email, PASSWORD, randomIp()).then().statusCode(401);

        as(support).body(Map.of("reason", "owner verified by phone")).post("/api/v1/support/accounts/" + accountId + "/unlock")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        login(email, PASSWORD, randomIp()).then().statusCode(200);
    }

    @Test
    void adminsManageRolesButTheLastAdminStays() {
        // other tests leave admins behind: end them, so that the first admin is the last one
        List<String> otherAdmins = as(admin()).get("/api/v1/staff").then().extract()
                .path("items.findAll { it.roles.contains('admin') && it.email != '" + IdentityTestResource.ADMIN_EMAIL + "' }.id");
        otherAdmins.forEach(id -> as(admin()).delete("/api/v1/staff/" + id).then().statusCode(204));
        String adminId = as(admin()).get("/api/v1/staff").then().extract()
                .path("items.find { it.email == '" + IdentityTestResource.ADMIN_EMAIL + "' }.id");
        as(admin()).body(Map.of("roles", List.of("support"))).put("/api/v1/staff/" + adminId + "/roles").then()
                .statusCode(409).body("type", equalTo("https://cloudpro.io/problems/last-admin"));
        as(admin()).body(Map.of("email", newEmail(), "firstName", "A", "lastName", "B", "roles", List.of("customer")))
                .post("/api/v1/staff").then()
                .statusCode(400).body("errors[0].field", equalTo("roles"));

        String email = "recruiter-" + UUID.randomUUID().toString().substring(0, 6) + "@cloudpro.test";
        String id = as(admin()).body(Map.of("email", email, "firstName", "R", "lastName", "C", "roles", List.of("recruiter")))
                .post("/api/v1/staff").then().statusCode(201).extract().path("id");
        as(admin()).body(Map.of("roles", List.of("recruiter", "support"))).put("/api/v1/staff/" + id + "/roles").then()
                .statusCode(200).body("roles.size()", greaterThanOrEqualTo(2));
        as(admin()).delete("/api/v1/staff/" + id).then().statusCode(204);
        as(admin()).delete("/api/v1/staff/" + id).then().statusCode(404);
    }
}
