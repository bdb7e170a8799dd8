package io.cloudpro.identity.service;

import io.cloudpro.identity.security.AccessTokens;
import io.cloudpro.identity.security.ServiceClients;
import io.cloudpro.platform.problem.ProblemException;
import io.cloudpro.platform.problem.ProblemType;
import io.cloudpro.platform.security.Roles;
import io.cloudpro.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tokens for the platform's other services (client credentials): privacy-rights-service fetching an
 * export, looking up whom a request is about. The token carries the role {@code service} only.
 */
@ApplicationScoped
public class ServiceTokenService {

    public static final ProblemType INVALID_CLIENT = ProblemType.of("invalid-client", 401, "Client not accepted");

    private final ServiceClients clients;
    private final AccessTokens tokens;

    ServiceTokenService(ServiceClients clients, AccessTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    public AccessTokens.Issued issue(String clientId, String secret) {
        if (!clients.verify(clientId, secret)) {
            throw new ProblemException(INVALID_CLIENT, "Unknown client or wrong secret.");
        }
        return tokens.issueForService(clientId, Roles.SERVICE, Timestamps.now());
    }

    public long ttlSeconds() {
        return tokens.ttlSeconds();
    }
}
