package io.cloudpro.platform.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trusted proxies are addresses and ranges, never names: nothing about them may cost a DNS lookup. */
class TrustedProxiesTest {

    @Test
    void addressesAndRangesAreAcceptedAndMatched() throws Exception {
        TrustedProxies trusted = TrustedProxies.parse("127.0.0.1/32, ::1/128, 10.0.0.0/8, [fd00::7], 192.168.1.7, 172.16.0.0/12");
        assertTrue(trusted.contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(trusted.contains(InetAddress.getByName("::1")));
        assertTrue(trusted.contains(InetAddress.getByName("10.200.3.4")));
        assertTrue(trusted.contains(InetAddress.getByName("fd00::7")));
        assertTrue(trusted.contains(InetAddress.getByName("192.168.1.7")));
        assertTrue(trusted.contains(InetAddress.getByName("172.31.255.1")));
        assertFalse(trusted.contains(InetAddress.getByName("172.32.0.1")));
        assertFalse(trusted.contains(InetAddress.getByName("192.168.1.8")));
        assertFalse(trusted.contains(InetAddress.getByName("11.0.0.1")));
        assertFalse(trusted.contains(InetAddress.getByName("fd00::8")));
    }

    @Test
    void anythingThatWouldNeedALookupIsRefused() {
        // Quarkus reads a bare IPv6 address as host "0:0:0:0:0:0:0" and port 1, and resolves the "host"
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("0:0:0:0:0:0:0:1"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("127.0.0.1,ingress.internal"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/abc"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
    }

    @Test
    void theShippedDefaultIsValid() {
        assertFalse(TrustedProxies.parse("127.0.0.1/32,::1/128").isEmpty());
    }
}
