package io.cloudpro.identity.security;

import io.cloudpro.identity.domain.Caller;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request, as {@link LiveSessionCheck} found it: a live login of an open
 * session. Every authenticated endpoint of identity-service gets its caller here.
 */
@RequestScoped
public class CurrentLogin {

    private final SecurityIdentity identity;

    CurrentLogin(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller; 401 when the request carries no live session. */
    public Caller require() {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(LiveSessionCheck.CALLER);
        if (caller == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Your session has ended; log in again.");
        }
        return caller;
    }
}
