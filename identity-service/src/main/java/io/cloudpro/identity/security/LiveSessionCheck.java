package io.cloudpro.identity.security;

import io.cloudpro.identity.domain.Caller;
import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.repository.LiveLoginRepository;
import io.cloudpro.platform.security.RevokedSessionCheck;
import io.cloudpro.platform.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Every authenticated request to identity-service, in one place: the token must name a session
 * ({@code sid}) that is still open, of a login that is still active, and the request gets the
 * login's roles as they are now - not the roles written into the token. A logout, a revoked
 * member, a locked or closed account, a removed or demoted staff member: all take effect here on
 * the next request. Another service's own token (no session, role {@code service}) is accepted while
 * that service is a configured client. The {@link Caller} is attached to the identity for {@link CurrentLogin}.
 */
@ApplicationScoped
public class LiveSessionCheck implements SecurityIdentityAugmentor {

    static final String CALLER = Caller.class.getName();

    private final LiveLoginRepository logins;
    private final ServiceClients serviceClients;

    LiveSessionCheck(LiveLoginRepository logins, ServiceClients serviceClients) {
        this.logins = logins;
        this.serviceClients = serviceClients;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> checked(identity, token));
    }

    private SecurityIdentity checked(SecurityIdentity identity, JsonWebToken token) {
        UUID session = RevokedSessionCheck.sessionOf(token);
        if (session == null && token.getGroups().contains(Roles.SERVICE)) {
            return service(identity, token);
        }
        UUID subject = parse(token.getSubject());
        if (session == null || subject == null) {
            throw new AuthenticationFailedException("the token names no session");
        }
        LiveLoginRepository.LiveLogin live = logins.find(session);
        if (live == null || !live.loginId().equals(subject) || !live.isLive(Instant.now())) {
            throw new AuthenticationFailedException("the session has ended");
        }
        Set<String> roles = live.kind() == Credential.Kind.STAFF ? Credential.roleSet(live.roles()) : Set.of(Roles.CUSTOMER);
        Caller caller = new Caller(live.loginId(), live.kind(), live.accountId(), session, roles);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(CALLER, caller)
                .addRoles(roles)
                .build();
    }

    /** Another service's own token: only the service role, and only while the client is configured. */
    private SecurityIdentity service(SecurityIdentity identity, JsonWebToken token) {
        if (!serviceClients.isKnown(token.getSubject())) {
            throw new AuthenticationFailedException("not a known service client");
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRole(Roles.SERVICE)
                .build();
    }

    private static UUID parse(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
