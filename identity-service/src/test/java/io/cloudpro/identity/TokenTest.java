package io.cloudpro.identity;

import io.cloudpro.identity.security.OpaqueTokens;
import io.cloudpro.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.cloudpro.identity.IdentityClient.as;
import static io.cloudpro.identity.IdentityClient.from;
import static io.cloudpro.identity.IdentityClient.login;
import static io.cloudpro.identity.IdentityClient.newEmail;
import static io.cloudpro.identity.IdentityClient.randomIp;
import static io.cloudpro.identity.IdentityClient.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access tokens any JWT library can verify, refresh-token rotation and theft detection, logout. */
@QuarkusTest
@WithTestResource(value = IdentityTestResource.class, scope = TestResourceScope.GLOBAL)
class TokenTest {

    @Inject
    EntityManager entityManager;

    @Test
    void theAccessTokenIsAShortLivedEs256JwtVerifiableWithThePublishedJwks() throws Exception {
        String email = newEmail();
        String accountId = register(email, randomIp());
        JsonPath tokens = login(email, IdentityClient.PASSWORD, randomIp()).then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).extract().jsonPath();
        String accessToken = tokens.getString("accessToken");

        Map<?, ?> header = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                Base64.getUrlDecoder().decode(accessToken.split("\\.")[0]), Map.class);
        assertEquals("ES256", header.get("alg"));
        assertEquals(TestTokens.keyId(), header.get("kid"));

        // verify it as any relying party would: fetch the JWKS, pin ES256, issuer and audience
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(TestTokens.ISSUER)
                .setExpectedAudience(TestTokens.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build();
        JwtClaims claims = consumer.processToClaims(accessToken);
        assertEquals(accountId, claims.getSubject());
        assertEquals(List.of("customer"), claims.getStringListClaimValue("groups"));
        assertEquals(accountId, claims.getStringClaimValue("account_id"));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertTrue(lifetime >= 300 && lifetime <= 900, "5 to 15 minutes, was " + lifetime + " s");
        assertEquals(lifetime, tokens.getLong("expiresIn"));
        assertTrue(claims.getClaimsMap().keySet().stream().noneMatch(k -> k.contains("email") || k.contains("name")),
                "no personal data in the token: " + claims.getClaimsMap().keySet());
    }

    @Test
    void theJwksHoldsOnlyPublicEcKeysAndDiscoveryPointsToIt() {
        given().get("/.well-known/jwks.json").then()
                .statusCode(200)
                .body("keys.kid", hasItem(TestTokens.keyId()))
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].alg", equalTo("ES256"))
                .body("keys[0]", not(hasKey("d")));
        given().get("/.well-known/openid-configuration").then()
                .statusCode(200)
                .body("issuer", equalTo(TestTokens.ISSUER))
                .body("jwks_uri", org.hamcrest.Matchers.endsWith("/.well-known/jwks.json"))
                .body("id_token_signing_alg_values_supported", equalTo(List.of("ES256")));
    }

    @Test
    void refreshingRotatesTheRefreshTokenAndReusingASpentOneEndsTheWholeFamily() {
        String email = newEmail();
        register(email, randomIp());
        JsonPath first = login(email, IdentityClient.PASSWORD, randomIp()).then().statusCode(200).extract().jsonPath();

        JsonPath second = from(randomIp()).body(Map.of("refreshToken", first.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(200).extract().jsonPath();
        assertNotEquals(first.getString("refreshToken"), second.getString("refreshToken"));
        as(second.getString("accessToken")).get("/api/v1/me").then().statusCode(200);

        // someone replays the spent token after the grace window: refused, and the family it belongs to is dead
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE refresh_token SET spent_at = spent_at - interval '1 minute' WHERE token_hash = ?1")
                .setParameter(1, OpaqueTokens.hash(first.getString("refreshToken"))).executeUpdate());
        from(randomIp()).body(Map.of("refreshToken", first.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then()
                .statusCode(401)
                .body("type", equalTo("https://cloudpro.io/problems/invalid-refresh-token"));
        from(randomIp()).body(Map.of("refreshToken", second.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        as(second.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
        as(first.getString("accessToken")).get("/api/v1/me").then().statusCode(401);

        // other sessions of the same person are not affected
        as(IdentityClient.accessToken(email, randomIp())).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        String email = newEmail();
        register(email, randomIp());
        JsonPath tokens = login(email, IdentityClient.PASSWORD, randomIp()).then().statusCode(200).extract().jsonPath();
        as(tokens.getString("accessToken")).body(Map.of()).post("/api/v1/auth/logout").then().statusCode(204);

        as(tokens.getString("accessToken")).get("/api/v1/me").then().statusCode(401);
        from(randomIp()).body(Map.of("refreshToken", tokens.getString("refreshToken")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        from(randomIp()).body(Map.of("refreshToken", "made-up")).post("/api/v1/auth/logout").then().statusCode(204);
    }

    @Test
    void aForgedTokenIsRefusedOnTheCustomerEndpointsToo() {
        as(TestTokens.customer().unsigned().build()).get("/api/v1/me").then().statusCode(401);
        as(TestTokens.customer().signedWithUnknownKey().build()).get("/api/v1/me").then().statusCode(401);
        as(TestTokens.customer().issuer("https://elsewhere.example").build()).get("/api/v1/me").then().statusCode(401);
    }
}
