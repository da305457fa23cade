package dev.ceremony.pki;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.text.Printable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Builds subject names from the organisation's DN defaults and a common name. BouncyCastle's
 * style encodes C as PrintableString and the other attributes as UTF8String, as RFC 5280 asks.
 */
public final class Names {

    /** ub-common-name (RFC 5280 appendix A). */
    public static final int MAX_COMMON_NAME = 64;

    private Names() {
    }

    /** C, ST, L, O, OU from the defaults, then CN. */
    public static X500Name subject(DnDefaults defaults, String commonName) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        builder.addRDN(BCStyle.C, defaults.country());
        defaults.stateOrProvince().ifPresent(value -> builder.addRDN(BCStyle.ST, value));
        defaults.locality().ifPresent(value -> builder.addRDN(BCStyle.L, value));
        builder.addRDN(BCStyle.O, defaults.organization());
        defaults.organizationalUnit().ifPresent(value -> builder.addRDN(BCStyle.OU, value));
        builder.addRDN(BCStyle.CN, commonName(commonName));
        return builder.build();
    }

    /** Checks a common name: 1 to 64 characters, nothing unprintable, no edge spaces. */
    public static String commonName(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the common name is empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("the common name '" + Printable.escape(value) + "' is longer than "
                    + MAX_COMMON_NAME + " characters (RFC 5280 ub-common-name)");
        }
        if (!Printable.isPrintable(value) || !value.strip().equals(value)) {
            throw new IllegalArgumentException("the common name '" + Printable.escape(value)
                    + "' contains control or invisible characters, or edge spaces");
        }
        return value;
    }
}
