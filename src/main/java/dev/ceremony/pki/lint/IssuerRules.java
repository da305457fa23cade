package dev.ceremony.pki.lint;

import dev.ceremony.pki.ProfileKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;

/** Rules that relate the certificate to its issuer, its profile's limits and the clock. */
final class IssuerRules {

    private IssuerRules() {
    }

    static List<LintRule> all() {
        return List.of(
                LintRule.of("issuer-name", "The issuer name is the issuer certificate's subject, byte for byte; a "
                        + "root's issuer is its own subject.", IssuerRules::issuerName),
                LintRule.of("issuer-is-ca", "The issuer certificate is a CA with keyCertSign.", IssuerRules::issuerIsCa),
                LintRule.of("validity-within-issuer", "The certificate does not outlive, or predate, its issuer.",
                        IssuerRules::withinIssuer),
                LintRule.of("validity-profile-maximum", "The validity is at most the profile's max-days.", c -> {
                    long days = Duration.between(start(c), end(c)).toDays();
                    return days > c.profile().maxDays() ? List.of("the validity is " + days + " days; profile "
                            + c.profile().name() + " allows at most " + c.profile().maxDays()) : List.of();
                }),
                LintRule.of("validity-not-backdated", "notBefore lies within the allowed clock skew of the "
                        + "ceremony's time, neither backdated nor postdated beyond it.", IssuerRules::notBackdated),
                LintRule.of("path-length", "An issuer with pathLen 0 issues no CA certificates.", IssuerRules::pathLength),
                LintRule.of("name-constraints", "Every subject alternative name lies within the issuer's name "
                        + "constraints.", IssuerRules::nameConstraints));
    }

    private static Instant start(LintContext c) {
        return c.tbs().getStartDate().getDate().toInstant();
    }

    private static Instant end(LintContext c) {
        return c.tbs().getEndDate().getDate().toInstant();
    }

    private static List<String> issuerName(LintContext c) {
        try {
            byte[] issuer = c.tbs().getIssuer().getEncoded(ASN1Encoding.DER);
            byte[] expected = c.profile().kind() == ProfileKind.ROOT_CA
                    ? c.tbs().getSubject().getEncoded(ASN1Encoding.DER)
                    : c.issuer().certificate().map(cert -> cert.getSubject()).orElse(c.issuer().name())
                            .getEncoded(ASN1Encoding.DER);
            return Arrays.equals(issuer, expected) ? List.of()
                    : List.of("the issuer name " + c.tbs().getIssuer() + " is not the issuer's subject");
        } catch (IOException e) {
            return List.of("the issuer name cannot be encoded: " + e.getMessage());
        }
    }

    private static List<String> issuerIsCa(LintContext c) {
        if (c.profile().kind() == ProfileKind.ROOT_CA) {
            return List.of();
        }
        Optional<X509CertificateHolder> issuer = c.issuer().certificate();
        if (issuer.isEmpty()) {
            return List.of("only a root signs without a certificate of its own");
        }
        List<String> problems = new ArrayList<>();
        BasicConstraints basic = BasicConstraints.fromExtensions(issuer.get().getExtensions());
        if (basic == null || !basic.isCA()) {
            problems.add("the issuer certificate is not a CA");
        }
        KeyUsage usage = KeyUsage.fromExtensions(issuer.get().getExtensions());
        if (usage == null || !usage.hasUsages(KeyUsage.keyCertSign)) {
            problems.add("the issuer certificate may not sign certificates (no keyCertSign)");
        }
        return problems;
    }

    private static List<String> withinIssuer(LintContext c) {
        Optional<X509CertificateHolder> issuer = c.issuer().certificate();
        if (issuer.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        Instant issuerEnd = issuer.get().getNotAfter().toInstant();
        if (end(c).isAfter(issuerEnd)) {
            problems.add("notAfter " + end(c) + " is after the issuer's notAfter " + issuerEnd
                    + "; shorten the validity or rotate the issuer first");
        }
        Instant issuerStart = issuer.get().getNotBefore().toInstant();
        if (start(c).isBefore(issuerStart)) {
            problems.add("notBefore " + start(c) + " is before the issuer's notBefore " + issuerStart);
        }
        return problems;
    }

    private static List<String> notBackdated(LintContext c) {
        Duration offset = Duration.between(c.now(), start(c)).abs();
        return offset.compareTo(c.maxClockSkew()) > 0
                ? List.of("notBefore " + start(c) + " is " + offset.toSeconds() + " s from the ceremony's time "
                        + c.now() + "; at most " + c.maxClockSkew().toSeconds() + " s are allowed")
                : List.of();
    }

    private static List<String> pathLength(LintContext c) {
        Optional<Extension> issuerBasic = c.issuerExtension(Extension.basicConstraints);
        if (issuerBasic.isEmpty() || !c.profile().kind().isCa()) {
            return List.of();
        }
        BasicConstraints basic = BasicConstraints.getInstance(issuerBasic.get().getParsedValue());
        return basic.getPathLenConstraint() != null && basic.getPathLenConstraint().intValue() == 0
                ? List.of("the issuer has pathLen 0 and cannot issue a CA certificate") : List.of();
    }

    private static List<String> nameConstraints(LintContext c) {
        Optional<Extension> constraints = c.issuerExtension(Extension.nameConstraints);
        Optional<Extension> sans = c.extension(Extension.subjectAlternativeName);
        if (constraints.isEmpty() || sans.isEmpty()) {
            return List.of();
        }
        NameConstraints nc = NameConstraints.getInstance(constraints.get().getParsedValue());
        List<String> problems = new ArrayList<>();
        for (GeneralName name : GeneralNames.getInstance(sans.get().getParsedValue()).getNames()) {
            NameConstraintCheck.violation(nc, name).ifPresent(problems::add);
        }
        return problems;
    }
}
