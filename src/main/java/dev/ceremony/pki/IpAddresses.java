package dev.ceremony.pki;

import dev.ceremony.text.Printable;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/** Literal IPv4 and IPv6 addresses: parsed without ever asking a resolver. */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private IpAddresses() {
    }

    /** An address (4 or 16 bytes) as people read it; anything else as its length in bytes. */
    public static String text(byte[] address) {
        try {
            return java.net.InetAddress.getByAddress(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "(" + address.length + " bytes)";
        }
    }

    /**
     * A name constraint's IP subtree (address then mask: 8 or 16+16 bytes) as address/prefix; a
     * plain address as {@link #text}.
     */
    public static String range(byte[] octets) {
        if (octets.length != 8 && octets.length != 32) {
            return text(octets);
        }
        int half = octets.length / 2;
        int prefix = 0;
        for (int i = half; i < octets.length; i++) {
            prefix += Integer.bitCount(octets[i] & 0xff);
        }
        return text(java.util.Arrays.copyOf(octets, half)) + "/" + prefix;
    }

    /** The address bytes (4 or 16) of a literal; no host names, no zone ids, no leading zeros. */
    public static byte[] parse(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                out[i] = (byte) Integer.parseInt(parts[i]);
            }
            return out;
        }
        if (text.indexOf(':') >= 0 && text.indexOf('%') < 0 && IPAddress.isValidIPv6(text)) {
            return v6(text);
        }
        throw new IllegalArgumentException("'" + Printable.escape(text) + "' is not an IPv4 or IPv6 address");
    }

    /** InetAddress parses a validated IPv6 literal without a name lookup. */
    private static byte[] v6(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address", e);
        }
    }
}
