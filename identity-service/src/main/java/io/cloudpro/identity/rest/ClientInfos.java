package io.cloudpro.identity.rest;

import io.cloudpro.identity.service.ClientInfo;
import io.vertx.core.http.HttpServerRequest;

/** Reads the client's address and user agent; behind trusted proxies Quarkus has applied X-Forwarded-For. */
final class ClientInfos {

    private ClientInfos() {
    }

    static ClientInfo of(HttpServerRequest request) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new ClientInfo(ip, request.getHeader("User-Agent"));
    }
}
