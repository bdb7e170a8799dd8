package io.cloudpro.privacy.client;

import java.util.List;
import java.util.UUID;

/**
 * Who a request is about: the ids identity-service knows the person by, found from the login that
 * filed it or from the verified address. Throws {@link io.cloudpro.platform.client.ServiceCallException}
 * when identity-service cannot answer now; the caller tries again later.
 */
public interface SubjectDirectory {

    /** The service that answers the lookup: a request waiting for it shows it as silent. */
    String SERVICE = "identity-service";

    /** The ids; {@code email} is the address they were found by (null for an unknown login). */
    record Found(String email, List<UUID> accountIds, List<UUID> loginIds, List<UUID> applicationIds) {
        public Found {
            accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
            loginIds = loginIds == null ? List.of() : List.copyOf(loginIds);
            applicationIds = applicationIds == null ? List.of() : List.copyOf(applicationIds);
        }
    }

    Found byLogin(UUID loginId);

    Found byEmail(String email);
}
