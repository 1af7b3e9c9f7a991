package dev.rapport.support.outbound;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What kind of place an address or a host name is, as far as outbound requests are concerned. Plain Java, no
 * network access except for {@link #numeric(String)}'s literal parsing (which never resolves).
 */
public final class OutboundAddresses {

    /** Why an address is refused. */
    public enum Kind {
        /** Refused always: cloud metadata endpoints, multicast, unspecified, broadcast and reserved ranges. */
        FORBIDDEN,
        /** Refused unless private addresses are allowed: loopback, RFC 1918, link-local, CGNAT, unique-local. */
        INTERNAL,
        /** A public unicast address. */
        PUBLIC
    }

    /** Names of cloud metadata services, refused whatever they resolve to. */
    static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

    private static final byte[] AWS_METADATA_V6 = v6("fd00:ec2::254");

    private OutboundAddresses() {}

    /** The kind of {@code address}, looking through IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms. */
    public static Kind classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(b);
        }
        Optional<byte[]> embedded = embeddedV4(b);
        if (embedded.isPresent()) {
            return classifyV4(embedded.get());
        }
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return Kind.FORBIDDEN;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (address.isAnyLocalAddress() || first == 0xff) {
            return Kind.FORBIDDEN; // :: and multicast ff00::/8
        }
        if (address.isLoopbackAddress()
                || (first & 0xfe) == 0xfc // unique-local fc00::/7
                || first == 0xfe && (second & 0xc0) == 0x80 // link-local fe80::/10
                || first == 0xfe && (second & 0xc0) == 0xc0) { // site-local fec0::/10 (deprecated, still routed inside)
            return Kind.INTERNAL;
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Kind.FORBIDDEN; // documentation 2001:db8::/32
        }
        return Kind.PUBLIC;
    }

    private static Kind classifyV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 169 && a1 == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
            return Kind.FORBIDDEN; // the metadata endpoint of most clouds
        }
        if (a0 == 0 // "this network", 0.0.0.0 included
                || a0 >= 224) { // multicast 224/4, reserved 240/4, broadcast
            return Kind.FORBIDDEN;
        }
        if (a0 == 127 // loopback
                || a0 == 10 // RFC 1918
                || a0 == 172 && (a1 & 0xf0) == 16
                || a0 == 192 && a1 == 168
                || a0 == 169 && a1 == 254 // link-local
                || a0 == 100 && (a1 & 0xc0) == 64 // CGNAT 100.64/10
                || a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments 192.0.0/24
                || a0 == 198 && (a1 & 0xfe) == 18) { // benchmarking 198.18/15
            return Kind.INTERNAL;
        }
        return Kind.PUBLIC;
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d (NAT64) or 2002:aabb:ccdd::/48 (6to4). */
    private static Optional<byte[]> embeddedV4(byte[] b) {
        boolean zeroPrefix = allZero(b, 0, 10);
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 14) && !isLoopbackV6(b);
        boolean nat64 = (b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Optional.of(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(Arrays.copyOfRange(b, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean isLoopbackV6(byte[] b) {
        return allZero(b, 0, 15) && b[15] == 1;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The host as written in a URL, lower-cased, without brackets or a trailing dot. */
    static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** Whether {@code host} (normalised) names a cloud metadata service. */
    static boolean isMetadataName(String host) {
        return METADATA_NAMES.contains(host) || host.endsWith(".metadata.google.internal");
    }

    /**
     * The address a numeric host stands for, read the way C's {@code inet_aton} (and so curl, browsers and the
     * system resolver) reads it: one to four parts, each decimal, octal ({@code 0177}) or hex ({@code 0x7f}),
     * the last part filling the remaining bytes ({@code 2130706433}, {@code 127.1}); or an IPv6 literal. Empty
     * when the host is a name to resolve. Reading these forms here, rather than handing them to the resolver,
     * means the address checked is the one connected to, whatever the platform's resolver makes of them.
     *
     * @throws OutboundRefusedException for a numeric host that is not a valid address
     */
    public static Optional<InetAddress> numeric(String host) throws OutboundRefusedException {
        String h = normalise(host);
        if (h.contains(":")) {
            if (!h.matches("[0-9a-f:.%a-z]+")) {
                throw new OutboundRefusedException("is not a valid IPv6 address");
            }
            try {
                return Optional.of(InetAddress.getByName("[" + h + "]"));
            } catch (UnknownHostException e) {
                throw new OutboundRefusedException("is not a valid IPv6 address");
            }
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4 || !Arrays.stream(parts).allMatch(p -> p.matches("0[xX][0-9a-fA-F]*|[0-9]+"))) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = part(parts[i]);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                throw new OutboundRefusedException("is not a valid IPv4 address");
            }
            address = address << 8 | values[i];
        }
        int restBytes = 4 - (parts.length - 1);
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * restBytes)) {
            throw new OutboundRefusedException("is not a valid IPv4 address");
        }
        address = address << (8 * restBytes) | last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long part(String part) throws OutboundRefusedException {
        BigInteger value;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            value = part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16);
        } else if (part.length() > 1 && part.startsWith("0")) {
            if (!part.matches("[0-7]+")) {
                throw new OutboundRefusedException("is not a valid IPv4 address");
            }
            value = new BigInteger(part, 8);
        } else {
            value = new BigInteger(part);
        }
        if (value.bitLength() > 32) {
            throw new OutboundRefusedException("is not a valid IPv4 address");
        }
        return value.longValueExact();
    }

    private static byte[] v6(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
