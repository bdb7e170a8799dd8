package io.cloudpro.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} a service believes ({@code HTTP_TRUSTED_PROXIES}), as IP
 * addresses and CIDR ranges only.
 * <p>
 * Quarkus reads an entry it cannot parse as an address as a host name and resolves it through DNS
 * on every request that carries a forwarded header. A bare IPv6 address such as
 * {@code 0:0:0:0:0:0:0:1} is such an entry: its last group is taken for a port, the rest for a
 * host name. On a machine whose resolver does not answer, those requests waited 5 seconds each.
 * {@link #parse} therefore accepts only what needs no lookup - an IPv4 address, a CIDR range, or an
 * IPv6 address in brackets ({@code [::1]}) - and the service refuses to start with anything else.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Parses a comma-separated list such as {@code 127.0.0.1/32,::1/128,10.0.0.0/8}.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or a range
     */
    public static TrustedProxies parse(String list) {
        List<Range> ranges = new ArrayList<>();
        if (list != null) {
            for (String raw : list.split(",")) {
                String entry = raw.trim();
                if (!entry.isEmpty()) {
                    ranges.add(Range.parse(entry));
                }
            }
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} lies in one of the ranges. */
    public boolean contains(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** One address ({@code /32}, {@code /128}) or range. */
    record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            String address = entry;
            Integer prefix = null;
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                address = entry.substring(0, slash);
                prefix = parsePrefix(entry, entry.substring(slash + 1));
            } else if (entry.startsWith("[") && entry.endsWith("]")) {
                address = entry.substring(1, entry.length() - 1);
            } else if (!IPV4.matcher(entry).matches()) {
                throw new IllegalArgumentException(describe(entry));
            }
            byte[] bytes = literal(entry, address);
            int bits = prefix == null ? bytes.length * 8 : prefix;
            if (bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + entry + "': the prefix is longer than the address");
            }
            return new Range(bytes, bits);
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }

        private static Integer parsePrefix(String entry, String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' has no valid prefix length");
            }
        }

        /** The address's bytes, without any lookup: only literals are accepted. */
        private static byte[] literal(String entry, String address) {
            if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
                throw new IllegalArgumentException(describe(entry));
            }
            try {
                return InetAddress.getByName(address).getAddress(); // a literal: parsed, never resolved
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(describe(entry));
            }
        }

        private static String describe(String entry) {
            return "'" + entry + "' is not an IP address or CIDR range; host names would cost a DNS lookup per"
                    + " request. Write IPv4 as 10.0.0.7 or 10.0.0.0/8 and IPv6 as [::1] or ::1/128.";
        }
    }
}
