package io.cloudpro.platform.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Whom a privacy command is about, as ids only: privacy-rights-service's id of the person (the
 * record key), and the ids each service may know them by - the customer accounts they own (an
 * account closed years ago and a new one under the same address are both theirs), their logins (an
 * owner's or a member's), their job applications. No names or addresses travel.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subject(UUID subjectId, List<UUID> accountIds, List<UUID> loginIds, List<UUID> applicationIds) {

    public Subject {
        accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        loginIds = loginIds == null ? List.of() : List.copyOf(loginIds);
        applicationIds = applicationIds == null ? List.of() : List.copyOf(applicationIds);
    }

    /** Every id the subject is known by. */
    public Set<UUID> allIds() {
        Set<UUID> ids = new HashSet<>();
        ids.add(subjectId);
        ids.addAll(accountIds);
        ids.addAll(loginIds);
        ids.addAll(applicationIds);
        return ids;
    }
}
