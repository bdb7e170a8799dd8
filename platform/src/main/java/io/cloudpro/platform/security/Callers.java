package io.cloudpro.platform.security;

import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/** The logged-in caller of this request: the login id identity-service put in the token's {@code sub}. */
@RequestScoped
public class Callers {

    private final JsonWebToken token;

    Callers(JsonWebToken token) {
        this.token = token;
    }

    public UUID loginId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The token does not name a login.");
        }
    }
}
