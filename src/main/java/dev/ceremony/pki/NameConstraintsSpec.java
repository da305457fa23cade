package dev.ceremony.pki;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The name constraints a ceremony puts on an intermediate. They cover DNS, IP and URI together:
 * every permitted domain is permitted as a DNS name and as a URI host (and its subdomains), the
 * listed IP ranges are permitted, and when none is listed every IP address is excluded, so that no
 * name type is left unconstrained by accident.
 *
 * @param domains DNS domains, e.g. {@code example.com}: the domain and all names below it
 * @param ipRanges CIDR ranges, e.g. {@code 10.0.0.0/8}
 */
public record NameConstraintsSpec(List<String> domains, List<String> ipRanges) {

    public NameConstraintsSpec {
        domains = List.copyOf(domains);
        ipRanges = List.copyOf(ipRanges);
        if (domains.isEmpty() && ipRanges.isEmpty()) {
            throw new IllegalArgumentException("name constraints need at least one domain or IP range");
        }
        for (String domain : domains) {
            DnsNames.requireHostname(domain, false);
        }
        for (String range : ipRanges) {
            cidr(range);
        }
    }

    /** The critical nameConstraints extension value. */
    public NameConstraints toExtension() {
        List<GeneralSubtree> permitted = new ArrayList<>();
        for (String domain : domains) {
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, domain)));
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, "." + domain)));
        }
        List<GeneralSubtree> excluded = new ArrayList<>();
        for (String range : ipRanges) {
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(cidr(range)))));
        }
        if (ipRanges.isEmpty()) {
            excluded.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[8]))));
            excluded.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[32]))));
        }
        return new NameConstraints(permitted.toArray(new GeneralSubtree[0]),
                excluded.isEmpty() ? null : excluded.toArray(new GeneralSubtree[0]));
    }

    /**
     * The spec a nameConstraints extension was made from, read back so that a new CA can carry the
     * same constraints. Only what {@link #toExtension()} writes can be read back, and the spec read
     * must write the very same extension: a constraint that would be lost is refused instead.
     *
     * @throws IllegalArgumentException when the extension is not of the form Ceremony writes
     */
    public static NameConstraintsSpec of(NameConstraints extension) {
        List<String> domains = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        for (GeneralSubtree subtree : extension.getPermittedSubtrees() == null ? new GeneralSubtree[0]
                : extension.getPermittedSubtrees()) {
            GeneralName base = subtree.getBase();
            if (base.getTagNo() == GeneralName.dNSName) {
                domains.add(base.getName().toString());
            } else if (base.getTagNo() == GeneralName.iPAddress) {
                ranges.add(range(DEROctetString.getInstance(base.getName()).getOctets()));
            }
        }
        NameConstraintsSpec spec;
        try {
            spec = new NameConstraintsSpec(domains, ranges);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the name constraints are not of the form Ceremony writes: "
                    + e.getMessage(), e);
        }
        try {
            if (!java.util.Arrays.equals(spec.toExtension().getEncoded(), extension.getEncoded())) {
                throw new IllegalArgumentException("the name constraints hold more than permitted DNS domains and IP "
                        + "ranges (as Ceremony writes them), so they cannot be carried over as they are");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the name constraints cannot be encoded: " + e.getMessage(), e);
        }
        return spec;
    }

    /** What the constraints permit, for people: {@code DNS under example.com; no IP address}. */
    public String describe() {
        return (domains.isEmpty() ? "no DNS name" : "DNS under " + String.join(", ", domains)) + "; "
                + (ipRanges.isEmpty() ? "no IP address" : "IP in " + String.join(", ", ipRanges));
    }

    /** A range as {@link #cidr} encodes it, back in CIDR notation. */
    private static String range(byte[] encoded) {
        if (encoded.length != 8 && encoded.length != 32) {
            throw new IllegalArgumentException("an IP range of " + encoded.length + " bytes is neither IPv4 nor IPv6");
        }
        int half = encoded.length / 2;
        int bits = 0;
        for (int i = half; i < encoded.length; i++) {
            bits += Integer.bitCount(encoded[i] & 0xff);
        }
        StringBuilder address = new StringBuilder();
        for (int i = 0; i < half; i += half == 4 ? 1 : 2) {
            address.append(i == 0 ? "" : half == 4 ? "." : ":");
            address.append(half == 4 ? Integer.toString(encoded[i] & 0xff)
                    : Integer.toHexString((encoded[i] & 0xff) << 8 | (encoded[i + 1] & 0xff)));
        }
        return address + "/" + bits;
    }

    /** Address followed by mask, as the iPAddress form of a name constraint encodes a range. */
    static byte[] cidr(String range) {
        int slash = range.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + range + "' is not a CIDR range such as 10.0.0.0/8");
        }
        byte[] address = IpAddresses.parse(range.substring(0, slash));
        int bits;
        try {
            bits = Integer.parseInt(range.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + range + "' has no prefix length after '/'");
        }
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException("'" + range + "' has a prefix length outside 0.." + address.length * 8);
        }
        byte[] out = new byte[address.length * 2];
        for (int i = 0; i < address.length; i++) {
            int maskBits = Math.max(0, Math.min(8, bits - 8 * i));
            byte mask = (byte) (0xff << (8 - maskBits));
            out[address.length + i] = maskBits == 0 ? 0 : mask;
            out[i] = (byte) (address[i] & out[address.length + i]);
        }
        return out;
    }
}
