package dev.ceremony.pki.lint;

import dev.ceremony.pki.IpAddresses;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * RFC 5280 section 4.2.1.10 for the name types Ceremony issues (DNS, IP, URI). A name is allowed
 * when no excluded subtree of its type matches it and, if any permitted subtree of its type
 * exists, one of them matches it.
 */
final class NameConstraintCheck {

    private NameConstraintCheck() {
    }

    /** Why {@code name} violates {@code constraints}, or empty when it does not. */
    static Optional<String> violation(NameConstraints constraints, GeneralName name) {
        GeneralSubtree[] excluded = constraints.getExcludedSubtrees();
        if (excluded != null) {
            for (GeneralSubtree subtree : excluded) {
                if (subtree.getBase().getTagNo() == name.getTagNo() && matches(subtree.getBase(), name)) {
                    return Optional.of("SAN " + display(name) + " lies in the issuer's excluded subtree "
                            + display(subtree.getBase()));
                }
            }
        }
        GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
        if (permitted == null) {
            return Optional.empty();
        }
        boolean typeConstrained = false;
        for (GeneralSubtree subtree : permitted) {
            if (subtree.getBase().getTagNo() == name.getTagNo()) {
                typeConstrained = true;
                if (matches(subtree.getBase(), name)) {
                    return Optional.empty();
                }
            }
        }
        return typeConstrained
                ? Optional.of("SAN " + display(name) + " lies outside the issuer's permitted names")
                : Optional.empty();
    }

    private static boolean matches(GeneralName constraint, GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> dns(text(constraint), text(name));
            case GeneralName.uniformResourceIdentifier -> uriHost(text(constraint), host(text(name)));
            case GeneralName.iPAddress -> ip(ASN1OctetString.getInstance(constraint.getName()).getOctets(),
                    ASN1OctetString.getInstance(name.getName()).getOctets());
            default -> false;
        };
    }

    /** "example.com" matches itself and every name below it; ".example.com" only names below it. */
    private static boolean dns(String constraint, String name) {
        String c = constraint.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (c.startsWith(".")) {
            return n.endsWith(c);
        }
        return n.equals(c) || n.endsWith("." + c);
    }

    /** For URIs, "example.com" matches that host exactly and ".example.com" the hosts below it. */
    private static boolean uriHost(String constraint, String host) {
        String c = constraint.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        return c.startsWith(".") ? h.endsWith(c) : h.equals(c);
    }

    private static boolean ip(byte[] constraint, byte[] address) {
        if (constraint.length != 2 * address.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            byte mask = constraint[address.length + i];
            if ((address[i] & mask) != (constraint[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static String host(String uri) {
        try {
            String host = java.net.URI.create(uri).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    /** As people read a name: {@code DNS:example.com}, {@code IP:192.0.2.1}, a range as {@code IP:0.0.0.0/0}. */
    private static String display(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + text(name);
            case GeneralName.uniformResourceIdentifier -> "URI:" + text(name);
            case GeneralName.iPAddress -> "IP:" + IpAddresses.range(ASN1OctetString.getInstance(name.getName()).getOctets());
            default -> name.toString();
        };
    }
}
