package io.cloudpro.identity.rest;

import io.cloudpro.identity.service.ClientInfo;
import io.cloudpro.platform.http.ClientAddress;
import io.vertx.core.http.HttpServerRequest;

/** Reads the client's address and user agent; behind trusted proxies Quarkus has applied X-Forwarded-For. */
final class ClientInfos {

    private ClientInfos() {
    }

    static ClientInfo of(HttpServerRequest request) {
        ClientAddress address = ClientAddress.of(request);
        return new ClientInfo(address.ip(), address.throttleKey(), request.getHeader("User-Agent"));
    }
}
