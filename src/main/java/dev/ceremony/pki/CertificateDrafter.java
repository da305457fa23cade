package dev.ceremony.pki;

import dev.ceremony.pki.lint.LintContext;
import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.token.SignatureScheme;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Builds the to-be-signed certificate for a request and lints it, without a token: the issuer
 * signs what this drafts, and a plan shows what it would draft (a dry run with placeholder keys).
 */
public final class CertificateDrafter {

    /** A serial that passes the serial rules, for dry runs that must not draw from the token. */
    public static final BigInteger DRY_RUN_SERIAL = BigInteger.ONE.shiftLeft(126).add(BigInteger.ONE);

    private final Linter linter;
    private final Clock clock;
    private final Duration maxClockSkew;
    private final TbsBuilder builder = new TbsBuilder();

    /** @param maxClockSkew how far notBefore may be from the ceremony's clock */
    public CertificateDrafter(Linter linter, Clock clock, Duration maxClockSkew) {
        this.linter = Objects.requireNonNull(linter, "linter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    }

    /** A drafted TBS with the scheme it will be signed under, the issuer's key, and the lint findings. */
    public record Draft(TBSCertificate tbs, SignatureScheme scheme, SubjectPublicKeyInfo issuerKey,
            List<LintFinding> findings) {

        public Draft {
            Objects.requireNonNull(tbs, "tbs");
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(issuerKey, "issuerKey");
            findings = List.copyOf(findings);
        }

        /**
         * The draft wrapped as a certificate with an empty signature: what a dry run hands to the
         * drafts below it as their issuer. It verifies under no key and never leaves the dry run.
         */
        public X509CertificateHolder placeholderCertificate() {
            return new X509CertificateHolder(Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
                tbs, tbs.getSignature(), new DERBitString(new byte[0])})));
        }
    }

    /** Builds and lints the TBS without drawing a serial: the findings, empty if it would pass. */
    public List<LintFinding> dryRun(CertificateIssuer.Request request) {
        return draft(request, DRY_RUN_SERIAL).findings();
    }

    /** Builds the TBS for {@code request} under {@code serial} and lints it. */
    public Draft draft(CertificateIssuer.Request request, BigInteger serial) {
        SignatureScheme scheme = request.issuer().scheme();
        SubjectPublicKeyInfo issuerKey = SubjectPublicKeyInfo.getInstance(
                request.issuer().key().requirePublicKey().getEncoded());
        Instant now = clock.instant();
        ValidityPeriod validity = validity(request, now);
        TBSCertificate tbs = builder.build(new TbsBuilder.Order(request.profile(), request.subject(), request.issuer(),
                issuerKey, serial, validity, request.nameConstraints(), scheme));
        List<LintFinding> findings = linter.lint(new LintContext(tbs, request.profile(), request.issuer(), issuerKey,
                scheme, now, maxClockSkew));
        return new Draft(tbs, scheme, issuerKey, findings);
    }

    /**
     * The requested days, or the profile's default. A default that would outlive the issuer is
     * cut to end with the issuer; requested days are never cut, so the lint refuses them instead.
     */
    private static ValidityPeriod validity(CertificateIssuer.Request request, Instant now) {
        ValidityPeriod wanted = ValidityPeriod.ofDays(now, request.days().orElse(request.profile().defaultDays()));
        Optional<Instant> issuerEnd = request.issuer().certificate().map(cert -> cert.getNotAfter().toInstant());
        if (request.days().isEmpty() && issuerEnd.isPresent() && wanted.notAfter().isAfter(issuerEnd.get())) {
            return new ValidityPeriod(wanted.notBefore(), issuerEnd.get());
        }
        return wanted;
    }
}
