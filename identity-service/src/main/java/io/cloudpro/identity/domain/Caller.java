package io.cloudpro.identity.domain;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as checked on this request: a live login of a live session, with its current
 * roles (not the ones in the token, which may be up to its lifetime old).
 *
 * @param loginId   the credential's id, the token's {@code sub}
 * @param kind      owner, member or staff
 * @param accountId the customer account acted for; null for staff
 * @param sessionId the token's session ({@code sid})
 * @param roles     the roles the login holds now
 */
public record Caller(UUID loginId, Credential.Kind kind, UUID accountId, UUID sessionId, Set<String> roles) {

    public boolean isOwner() {
        return kind == Credential.Kind.OWNER;
    }
}
