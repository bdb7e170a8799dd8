package io.cloudpro.identity.service;

/**
 * Where a request came from: the client's IP address (after trusted proxies), what the throttle
 * counts it as (the address, or an IPv6 /64) and its user agent.
 */
public record ClientInfo(String ip, String throttleKey, String userAgent) {

    public ClientInfo {
        ip = ip == null ? "unknown" : ip;
        throttleKey = throttleKey == null ? ip : throttleKey;
        userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 300));
    }
}
