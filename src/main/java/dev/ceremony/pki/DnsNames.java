package dev.ceremony.pki;

import dev.ceremony.text.Printable;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DNS names as certificates carry them: LDH labels (letters, digits, hyphen), internationalised
 * names only as A-labels ({@code xn--}), at most 253 characters, labels of at most 63.
 */
public final class DnsNames {

    /** A device id or any other single DNS label. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** Longest DNS name in text form. */
    public static final int MAX_LENGTH = 253;

    private DnsNames() {
    }

    /** True for one LDH label: letters, digits and inner hyphens, 1 to 63 characters. */
    public static boolean isLabel(String text) {
        return LABEL.matcher(text).matches();
    }

    /**
     * Checks a host name; with {@code wildcardAllowed}, a leading {@code *.} label is accepted.
     * Returns the name in lower case. A-labels must decode (IDNA) to something that encodes back.
     */
    public static String requireHostname(String text, boolean wildcardAllowed) {
        String name = text;
        if (name.startsWith("*.")) {
            if (!wildcardAllowed) {
                throw new IllegalArgumentException("'" + Printable.escape(text) + "' is a wildcard name, which this "
                        + "profile does not allow");
            }
            name = name.substring(2);
        }
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.endsWith(".")) {
            throw new IllegalArgumentException("'" + Printable.escape(text) + "' is not a DNS name (empty, too long, "
                    + "or ending in a dot)");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("'" + Printable.escape(text) + "' is a single label; a host name "
                    + "needs a domain");
        }
        for (String label : labels) {
            if (!isLabel(label)) {
                throw new IllegalArgumentException("'" + Printable.escape(text) + "' has the label '"
                        + Printable.escape(label) + "', which is not letters, digits and inner hyphens of at most 63");
            }
            if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
                String lower = label.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("xn--")) {
                    throw new IllegalArgumentException("'" + Printable.escape(text) + "' has the label '" + label
                            + "' with '--' in positions 3 and 4, reserved for A-labels (xn--)");
                }
                requireALabel(text, lower);
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** The name as people read it: A-labels turned into Unicode (for display only, escaped). */
    public static String unicode(String name) {
        try {
            return Printable.escape(IDN.toUnicode(name, IDN.USE_STD3_ASCII_RULES));
        } catch (IllegalArgumentException e) {
            return Printable.escape(name);
        }
    }

    private static void requireALabel(String text, String label) {
        String unicode;
        try {
            unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' has the label '" + label + "', which is not a valid "
                    + "A-label");
        }
        if (unicode.equals(label) || !IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equalsIgnoreCase(label)) {
            throw new IllegalArgumentException("'" + text + "' has the label '" + label + "', which does not "
                    + "round-trip as an A-label");
        }
    }
}
