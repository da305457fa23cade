package dev.ceremony.pki.csr;

import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.DnsNames;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SanSource;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.SubjectSource;
import dev.ceremony.text.Printable;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Applies a profile and the appliance's policy to one certificate request. The profile decides
 * what is issued; the request only supplies the key, the name and the SANs, each validated.
 * Every refusal carries a rule id; all applicable refusals are reported, not just the first.
 */
public final class RequestPolicy {

    /** Smallest RSA modulus accepted in a request. */
    public static final int MIN_RSA_BITS = 2048;

    private final CsrReader reader;
    private final PolicySettings settings;

    public RequestPolicy(CsrReader reader, PolicySettings settings) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** One entry of a batch: where it came from and its bytes. */
    public record Input(String source, byte[] bytes) {
    }

    /** Judges every entry; one bad request never stops the others. */
    public List<Verdict> evaluateAll(CertificateProfile profile, List<Input> inputs, IssuanceHistory history) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Input input : inputs) {
            verdicts.add(judge(profile, input, history));
        }
        return verdicts;
    }

    /** Judges one entry; whatever goes wrong in it becomes its refusal. Safe to call from several threads. */
    public Verdict judge(CertificateProfile profile, Input input, IssuanceHistory history) {
        try {
            return evaluate(profile, input.source(), input.bytes(), history);
        } catch (RuntimeException e) {
            return refused(input.source(), Optional.empty(), new Refusal("csr-unreadable",
                    "the request could not be processed: " + Printable.escape(String.valueOf(e.getMessage()))));
        }
    }

    public Verdict evaluate(CertificateProfile profile, String source, byte[] bytes, IssuanceHistory history) {
        ParsedCsr csr;
        try {
            csr = reader.read(bytes);
        } catch (CsrException e) {
            return refused(source, Optional.empty(), new Refusal(e.rule(), e.getMessage()));
        }
        RequestSummary summary = RequestSummaries.of(csr);
        List<Refusal> refusals = new ArrayList<>();
        if (profile.kind().isCa() || profile.subject() == SubjectSource.CEREMONY_PARAMETER) {
            return refused(source, Optional.of(summary), new Refusal("profile-not-for-requests", "profile "
                    + profile.name() + " is issued by its own ceremony from a token key, not from requests"));
        }
        checkKey(csr.publicKey(), history, refusals);
        RequestSignatures.problem(csr.request().getSignatureAlgorithm(), csr.publicKey())
                .ifPresent(problem -> refusals.add(new Refusal("csr-signature-algorithm", problem)));
        checkNoCaRequested(csr, refusals);
        Optional<String> commonName = commonName(csr, profile, refusals);
        List<GeneralName> names = alternativeNames(csr, profile, commonName, refusals);
        checkKeyNotCertified(csr.publicKey(), history, profile, commonName, refusals);
        Optional<BigInteger> renewalOf = commonName.flatMap(cn -> history.validSerial(profile.name(), cn));
        if (renewalOf.isPresent() && !profile.renewal()) {
            refusals.add(new Refusal("subject-already-certified", "'" + commonName.get() + "' already holds a "
                    + "valid " + profile.name() + " certificate, and this profile does not allow renewal; revoke "
                    + "the old certificate first"));
        }
        if (!refusals.isEmpty()) {
            return new Verdict(source, Optional.of(summary), Optional.empty(), refusals);
        }
        SubjectData issued = new SubjectData(Names.subject(settings.dnDefaults(), commonName.orElseThrow()), names,
                csr.publicKey());
        return new Verdict(source, Optional.of(summary), Optional.of(issued), List.of(), renewalOf);
    }

    private static Verdict refused(String source, Optional<RequestSummary> summary, Refusal refusal) {
        return new Verdict(source, summary, Optional.empty(), List.of(refusal));
    }

    private static void checkKey(SubjectPublicKeyInfo key, IssuanceHistory history, List<Refusal> refusals) {
        keyProblem(key).ifPresent(problem -> refusals.add(new Refusal("key-weak", problem)));
        if (history.isCaKey(key)) {
            refusals.add(new Refusal("key-is-ca-key", "the request's public key is one of the CA's own keys; a CA key "
                    + "is never certified as a leaf"));
        }
    }

    /**
     * One key, one subject: a key that already has a valid certificate is certified again only as
     * the renewal of that same subject under a profile that allows renewal, never under another name.
     */
    private static void checkKeyNotCertified(SubjectPublicKeyInfo key, IssuanceHistory history,
            CertificateProfile profile, Optional<String> commonName, List<Refusal> refusals) {
        if (history.isCaKey(key) || !history.isCertified(key)) {
            return;
        }
        if (!profile.renewal()) {
            refusals.add(new Refusal("key-already-certified", "this public key already has a valid certificate, "
                    + "and profile " + profile.name() + " does not allow renewal; a new certificate needs a new key"));
        } else if (commonName.isPresent() && !history.isCertifiedOnlyAs(key, profile.name(), commonName.get())) {
            refusals.add(new Refusal("key-already-certified", "this public key already has a valid certificate "
                    + "for another subject; a key is certified for one subject only, so '" + commonName.get()
                    + "' needs a key of its own (a renewal keeps both its subject and its profile)"));
        }
    }

    /** Why the key is not acceptable, or empty: P-256, P-384, or RSA of 2048 bits or more with e = 65537. */
    static Optional<String> keyProblem(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Object curve = key.getAlgorithm().getParameters();
            if (SECObjectIdentifiers.secp256r1.equals(curve) || SECObjectIdentifiers.secp384r1.equals(curve)) {
                return Optional.empty();
            }
            return Optional.of("the EC key is on " + describeCurve(curve) + "; only P-256 and P-384 are accepted");
        }
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            try {
                RSAPublicKey rsa = RSAPublicKey.getInstance(key.parsePublicKey());
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    return Optional.of("the RSA key has " + rsa.getModulus().bitLength() + " bits; at least "
                            + MIN_RSA_BITS + " are required");
                }
                if (!rsa.getPublicExponent().equals(BigInteger.valueOf(65_537))) {
                    return Optional.of("the RSA public exponent is " + rsa.getPublicExponent() + "; only 65537 is "
                            + "accepted");
                }
                return Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.of("the RSA key cannot be parsed");
            }
        }
        return Optional.of("the key algorithm " + algorithm + " is not accepted; use EC P-256, P-384 or RSA 2048+");
    }

    static String describeCurve(Object curve) {
        if (curve instanceof ASN1ObjectIdentifier oid) {
            String name = org.bouncycastle.asn1.x9.ECNamedCurveTable.getName(oid);
            return "curve " + (name == null ? oid.getId() : name);
        }
        return "explicit curve parameters";
    }

    /** A leaf profile never turns a request for CA powers into a certificate: such a request is refused. */
    private static void checkNoCaRequested(ParsedCsr csr, List<Refusal> refusals) {
        if (csr.requestedExtensions() == null) {
            return;
        }
        BasicConstraints basic;
        KeyUsage usage;
        try {
            basic = BasicConstraints.fromExtensions(csr.requestedExtensions());
            usage = KeyUsage.fromExtensions(csr.requestedExtensions());
        } catch (IllegalArgumentException e) {
            refusals.add(new Refusal("csr-extensions", "the requested extensions are malformed: " + e.getMessage()));
            return;
        }
        if ((basic != null && basic.isCA())
                || (usage != null && (usage.hasUsages(KeyUsage.keyCertSign) || usage.hasUsages(KeyUsage.cRLSign)))) {
            refusals.add(new Refusal("ca-requested", "the request asks to be a CA (basicConstraints CA:TRUE or "
                    + "keyCertSign/cRLSign) under a leaf profile; it is refused rather than quietly downgraded"));
        }
    }

    private Optional<String> commonName(ParsedCsr csr, CertificateProfile profile, List<Refusal> refusals) {
        RDN[] rdns = csr.subject().getRDNs(BCStyle.CN);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            refusals.add(new Refusal("subject-common-name", "the request must carry exactly one common name; it has "
                    + rdns.length));
            return Optional.empty();
        }
        String cn = rdns[0].getFirst().getValue() instanceof ASN1String text ? text.getString() : "";
        if (profile.subject() == SubjectSource.DEVICE_ID) {
            if (!DnsNames.isLabel(cn)) {
                refusals.add(new Refusal("device-id", "the device id '" + Printable.escape(cn) + "' is not a DNS "
                        + "label: letters, digits and inner hyphens, at most 63 characters"));
                return Optional.empty();
            }
            return Optional.of(cn);
        }
        try {
            Names.commonName(cn);
        } catch (IllegalArgumentException e) {
            refusals.add(new Refusal("subject-common-name", e.getMessage()));
            return Optional.empty();
        }
        return permittedHost(cn, profile, "subject-common-name", "the common name ", refusals);
    }

    private List<GeneralName> alternativeNames(ParsedCsr csr, CertificateProfile profile, Optional<String> commonName,
            List<Refusal> refusals) {
        List<GeneralName> requested = csr.requestedNames();
        if (requested.size() > settings.maxAlternativeNames()) {
            refusals.add(new Refusal("san-count", "the request asks for " + requested.size() + " alternative names; "
                    + "at most " + settings.maxAlternativeNames() + " are accepted"));
            return List.of();
        }
        if (profile.sans() == SanSource.AMQTT_DEVICE) {
            if (settings.deviceUriDomain().isEmpty()) {
                refusals.add(new Refusal("policy-uri-domain", "the appliance configuration names no device "
                        + "uri-domain, so device identities cannot be formed"));
                return List.of();
            }
            List<GeneralName> issued = commonName.map(id -> List.of(
                    new GeneralName(GeneralName.uniformResourceIdentifier,
                            "spiffe://" + settings.deviceUriDomain().get() + "/device/" + id),
                    new GeneralName(GeneralName.dNSName, id + ".local"))).orElse(List.of());
            commonName.ifPresent(id -> notIssued(requested, issued, profile, refusals));
            return issued;
        }
        Set<GeneralName> issued = new LinkedHashSet<>();
        Set<String> dnsNames = new LinkedHashSet<>();
        for (GeneralName name : requested) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> dns(name, profile, refusals).ifPresent(host -> {
                    dnsNames.add(host);
                    issued.add(new GeneralName(GeneralName.dNSName, host));
                });
                case GeneralName.iPAddress -> {
                    byte[] address = ASN1OctetString.getInstance(name.getName()).getOctets();
                    ServerAddresses.problem(address, profile.allowLoopbackIp()).ifPresentOrElse(
                            problem -> refusals.add(new Refusal("san-ip", problem)), () -> issued.add(name));
                }
                default -> refusals.add(new Refusal("san-type", "the request asks for an alternative name of type "
                        + RequestSummaries.kind(name) + "; profile " + profile.name()
                        + " issues only DNS names and IP addresses"));
            }
        }
        if (issued.isEmpty() && refusals.stream().noneMatch(r -> r.rule().startsWith("san-"))) {
            refusals.add(new Refusal("san-missing", "the request names no DNS name or IP address; TLS clients check "
                    + "the server's name against these, never against the common name"));
        }
        commonName.ifPresent(cn -> {
            if (!dnsNames.isEmpty() && !dnsNames.contains(cn)) {
                refusals.add(new Refusal("cn-not-in-sans", "the common name '" + cn + "' is not among the requested "
                        + "DNS names " + dnsNames));
            }
        });
        return new ArrayList<>(issued);
    }

    /**
     * A device's names are the profile's, never the request's; a request that asks for another
     * (a URI outside the device uri-domain, a DNS name) is refused, not passed as if it asked nothing.
     */
    private static void notIssued(List<GeneralName> requested, List<GeneralName> issued, CertificateProfile profile,
            List<Refusal> refusals) {
        Set<String> issuedNames = new LinkedHashSet<>();
        issued.forEach(name -> issuedNames.add(RequestSummaries.display(name).toLowerCase(Locale.ROOT)));
        for (GeneralName name : requested) {
            String shown = RequestSummaries.display(name);
            if (!issuedNames.contains(shown.toLowerCase(Locale.ROOT))) {
                refusals.add(new Refusal("san-not-issued", "the request asks for " + shown + ", which profile "
                        + profile.name() + " does not issue: a device gets only "
                        + String.join(" and ", issued.stream().map(RequestSummaries::display).toList())
                        + "; the request is refused rather than signed without the name it asked for"));
            }
        }
    }

    private Optional<String> dns(GeneralName name, CertificateProfile profile, List<Refusal> refusals) {
        String text = name.getName() instanceof ASN1String s ? s.getString() : "";
        return permittedHost(text, profile, "san-dns", "", refusals);
    }

    /**
     * A host name from the request, checked for syntax (refused under {@code invalidRule}), for
     * wildcards the profile does not allow, and against the permitted domains.
     */
    private Optional<String> permittedHost(String text, CertificateProfile profile, String invalidRule, String what,
            List<Refusal> refusals) {
        if (text.startsWith("*.") && !profile.wildcards()) {
            refusals.add(new Refusal("san-wildcard", what + "'" + Printable.escape(text) + "' is a wildcard; profile "
                    + profile.name() + " does not issue wildcards"));
            return Optional.empty();
        }
        String host;
        try {
            host = DnsNames.requireHostname(text, profile.wildcards());
        } catch (IllegalArgumentException e) {
            refusals.add(new Refusal(invalidRule, what + e.getMessage()));
            return Optional.empty();
        }
        if (!settings.permits(host.startsWith("*.") ? host.substring(2) : host)) {
            refusals.add(new Refusal("san-domain", what + "'" + host + "' is not in a permitted domain ("
                    + String.join(", ", settings.permittedDomains()) + ")"));
            return Optional.empty();
        }
        return Optional.of(host);
    }
}
