package io.cloudpro.identity.security;

import io.cloudpro.identity.domain.Credential;
import io.cloudpro.identity.domain.Session;
import io.cloudpro.identity.repository.CredentialRepository;
import io.cloudpro.identity.repository.SessionRepository;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * The login behind the current request. Unlike the other services, which trust a valid token until
 * it expires, identity-service also checks that the token's session is still open and the login
 * still active: a logout, a revoked membership or a closed account takes effect at once here.
 */
@RequestScoped
public class CurrentLogin {

    private final JsonWebToken jwt;
    private final CredentialRepository credentials;
    private final SessionRepository sessions;
    private Credential credential;

    CurrentLogin(JsonWebToken jwt, CredentialRepository credentials, SessionRepository sessions) {
        this.jwt = jwt;
        this.credentials = credentials;
        this.sessions = sessions;
    }

    /** The caller's live login; 401 if its session or the login itself has ended. */
    public Credential require() {
        if (credential == null) {
            UUID id = parse(jwt.getSubject()).orElseThrow(CurrentLogin::ended);
            sessionId().ifPresent(sid -> {
                Session session = sessions.findById(sid);
                if (session == null || !session.isActive(Timestamps.now()) || !session.credentialId.equals(id)) {
                    throw ended();
                }
            });
            Credential found = credentials.findById(id);
            if (found == null || found.status != Credential.Status.ACTIVE) {
                throw ended();
            }
            credential = found;
        }
        return credential;
    }

    /** The session named by the token's {@code sid}, if it has one. */
    public Optional<UUID> sessionId() {
        Object sid = jwt.getClaim(AccessTokens.SESSION_CLAIM);
        return sid == null ? Optional.empty() : parse(sid.toString());
    }

    private static Optional<UUID> parse(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static ProblemException ended() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "Your session has ended; log in again.");
    }
}
