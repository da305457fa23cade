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
