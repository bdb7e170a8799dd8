package io.cloudpro.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Refuses access tokens of sessions that identity-service ended, on every authenticated request:
 * a logout, a revoked member, a closed or locked account, a removed or demoted staff member takes
 * effect everywhere within a second or two, not when the token expires. Tokens without a session
 * ({@code sid}), such as a service's own, are not affected.
 */
@ApplicationScoped
public class RevokedSessionCheck implements SecurityIdentityAugmentor {

    public static final String SESSION_CLAIM = "sid";

    private final RevokedSessions revoked;

    RevokedSessionCheck(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        UUID session = sessionOf(token);
        if (session != null && revoked.isRevoked(session)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("session ended"));
        }
        return Uni.createFrom().item(identity);
    }

    /** The token's {@code sid} claim as a UUID, or null. */
    public static UUID sessionOf(JsonWebToken token) {
        Object sid = token.getClaim(SESSION_CLAIM);
        if (sid == null) {
            return null;
        }
        try {
            return UUID.fromString(sid.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
