package io.cloudpro.identity.service;

/** Where a request came from: the client's IP address (after trusted proxies) and its user agent. */
public record ClientInfo(String ip, String userAgent) {

    public ClientInfo {
        ip = ip == null ? "unknown" : ip;
        userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 300));
    }
}
