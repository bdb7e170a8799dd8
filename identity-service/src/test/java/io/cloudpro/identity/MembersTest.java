package io.cloudpro.identity;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.cloudpro.identity.IdentityClient.PASSWORD;
import static io.cloudpro.identity.IdentityClient.accessToken;
import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.linkToken;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.mail;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** "Only you or those with whom you share this information can log in." */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class MembersTest {

    @Test
    void anOwnerSharesTheAccountAndARevokedMemberLosesAccessAtOnce() {
        String ownerEmail = newEmail();
        String accountId = register(ownerEmail, randomIp());
        String owner = accessToken(ownerEmail, randomIp());

        String memberEmail = newEmail();
        String memberId = as(owner).body(Map.of("email", memberEmail, "firstName", "Piet", "lastName", "Jansen"))
                .post("/api/v1/me/members").then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .extract().path("id");
        login(memberEmail, PASSWORD, randomIp()).then().statusCode(401); // no password yet

        String invitation = linkToken(mail(memberEmail, "shared a"));
        from(randomIp()).body(Map.of("token", invitation, "password", "piet's own password"))
                .post("/api/v1/auth/activate").then().statusCode(204);
        JsonPath memberTokens = login(memberEmail, "piet's own password", randomIp()).then().statusCode(200)
                .extract().jsonPath();
        String member = memberTokens.getString("accessToken");

        as(member).get("/api/v1/me").then()
                .statusCode(200)
                .body("role", equalTo("MEMBER"))
                .body("accountId", equalTo(accountId))
                .body("loginId", equalTo(memberId))
                .body("firstName", equalTo("Piet"))
                .body("address.city", equalTo("Tilburg"));
        as(member).body(Map.of("email", newEmail(), "firstName", "A", "lastName", "B"))
                .post("/api/v1/me/members").then()
                .statusCode(403).body("type", equalTo("https://cloudpro.io/problems/owner-only"));
        as(owner).get("/api/v1/me/members").then().body("items", hasSize(1)).body("items[0].status", equalTo("ACTIVE"));

        as(owner).delete("/api/v1/me/members/" + memberId).then().statusCode(204);

        as(member).get("/api/v1/me").then().statusCode(401);          // the token is not expired, but void
        from(randomIp()).body(Map.of("refreshToken", memberTokens.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        login(memberEmail, "piet's own password", randomIp()).then().statusCode(401);
        as(owner).get("/api/v1/me/members").then().body("items", hasSize(0));
    }

    @Test
    void nobodyReachesAnotherAccountsMembers() {
        String aliceEmail = newEmail();
        register(aliceEmail, randomIp());
        String alice = accessToken(aliceEmail, randomIp());
        String memberId = as(alice).body(Map.of("email", newEmail(), "firstName", "M", "lastName", "M"))
                .post("/api/v1/me/members").then().statusCode(201).extract().path("id");

        String bobEmail = newEmail();
        register(bobEmail, randomIp());
        String bob = accessToken(bobEmail, randomIp());
        as(bob).delete("/api/v1/me/members/" + memberId).then()
                .statusCode(404).body("type", equalTo("https://cloudpro.io/problems/not-found"));
        as(bob).get("/api/v1/me/members").then().body("items", hasSize(0));
        as(alice).get("/api/v1/me/members").then().body("items", hasSize(1));
    }
}
