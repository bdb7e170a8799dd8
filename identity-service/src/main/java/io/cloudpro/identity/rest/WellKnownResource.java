package io.cloudpro.identity.rest;

import io.cloudpro.identity.config.IdentityConfig;
import io.cloudpro.identity.security.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** What standard JWT libraries need to verify identity-service's tokens. */
@Path("/.well-known")
@Tag(name = "Keys", description = "Token verification keys and issuer metadata")
@PermitAll
@SecurityRequirements
public class WellKnownResource {

    private final SigningKeys keys;
    private final IdentityConfig config;

    WellKnownResource(SigningKeys keys, IdentityConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Path("/jwks.json")
    @Produces({"application/jwk-set+json", "application/json"})
    @Operation(summary = "The public keys of the token issuer (JWKS)",
            description = "Every key that signs or signed recently; a token's kid header names its key.")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }

    @GET
    @Path("/openid-configuration")
    @Produces("application/json")
    @Operation(summary = "Issuer metadata", description = "issuer, jwks_uri and the supported signing algorithm.")
    public Map<String, Object> openIdConfiguration(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        String base = uri.getBaseUri().toString().replaceAll("/+$", "");
        return Map.of(
                "issuer", config.jwt().issuer(),
                "jwks_uri", base + "/.well-known/jwks.json",
                "token_endpoint", base + "/api/v1/auth/login",
                "id_token_signing_alg_values_supported", List.of("ES256"),
                "token_endpoint_auth_methods_supported", List.of("none"),
                "subject_types_supported", List.of("public"),
                "response_types_supported", List.of("token"),
                "claims_supported", List.of("iss", "aud", "sub", "exp", "iat", "jti", "groups", "sid", "account_id"));
    }
}
