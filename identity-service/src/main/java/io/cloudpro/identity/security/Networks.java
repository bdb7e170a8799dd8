package io.cloudpro.identity.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The network an address belongs to, for "have we seen this location before": IPv4 /24, IPv6 /48. */
public final class Networks {

    private Networks() {
    }

    /** e.g. "203.0.113.0/24" or "2001:db8:1::/48"; an unparseable address is its own network. */
    public static String of(String ip) {
        if (ip == null || !ip.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
            return ip + "/unknown"; // never resolve a host name
        }
        try {
            byte[] bytes = InetAddress.getByName(ip).getAddress();
            if (bytes.length == 4) {
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
            }
            return String.format("%x:%x:%x::/48", word(bytes, 0), word(bytes, 2), word(bytes, 4));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return ip + "/unknown";
        }
    }

    private static int word(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }
}
