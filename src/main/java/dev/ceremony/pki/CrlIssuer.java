package dev.ceremony.pki;

import dev.ceremony.token.Token;
import dev.ceremony.token.TokenContentSigner;
import dev.ceremony.token.TokenException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.Provider;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signs CRLs on the token: CRLNumber and AKI, reason codes, nextUpdate from the schedule (cut to
 * the issuer's own notAfter), and the signature verified with the issuer's certificate before the
 * CRL is handed out.
 */
public final class CrlIssuer {

    private final Token token;
    private final Provider verifier;
    private final Clock clock;
    private final CrlSchedule schedule;

    public CrlIssuer(Token token, Provider verifier, Clock clock, CrlSchedule schedule) {
        this.token = Objects.requireNonNull(token, "token");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * @param crlNumber already reserved in the records, so that it is never used twice
     */
    public X509CRLHolder issue(CaSigner ca, BigInteger crlNumber, List<RevokedCertificate> revoked) {
        return issue(ca, crlNumber, revoked, window(ca));
    }

    /** When a CRL of {@code ca} signed now would be valid: from now (to the second) to its next update. */
    public Window window(CaSigner ca) {
        X509CertificateHolder caCertificate = ca.certificate().orElseThrow(() -> new IllegalArgumentException(
                "a CRL is signed by a CA that has its certificate"));
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean root = caCertificate.getSubject().equals(caCertificate.getIssuer());
        Instant nextUpdate = thisUpdate.plus(schedule.validityFor(root));
        Instant caEnd = caCertificate.getNotAfter().toInstant();
        if (nextUpdate.isAfter(caEnd)) {
            nextUpdate = caEnd;
        }
        return new Window(thisUpdate, nextUpdate);
    }

    /** A CRL's thisUpdate and nextUpdate. */
    public record Window(Instant thisUpdate, Instant nextUpdate) {
        public Window {
            Objects.requireNonNull(thisUpdate, "thisUpdate");
            Objects.requireNonNull(nextUpdate, "nextUpdate");
        }
    }

    /**
     * Signs the CRL with the dates of {@code window} (as shown to the people who confirmed it).
     *
     * @param crlNumber already reserved in the records, so that it is never used twice
     */
    public X509CRLHolder issue(CaSigner ca, BigInteger crlNumber, List<RevokedCertificate> revoked, Window window) {
        X509CertificateHolder caCertificate = ca.certificate().orElseThrow(() -> new IllegalArgumentException(
                "a CRL is signed by a CA that has its certificate"));
        if (crlNumber.signum() <= 0 || crlNumber.toByteArray().length > 20) {
            throw new IllegalArgumentException("CRL number " + crlNumber + " must be positive and at most 20 octets");
        }
        Instant thisUpdate = window.thisUpdate();
        Instant nextUpdate = window.nextUpdate();
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(caCertificate.getExtensions());
        if (ski == null) {
            throw new IllegalArgumentException(caCertificate.getSubject() + " has no SKI for the CRL's AKI");
        }
        X509v2CRLBuilder builder = new X509v2CRLBuilder(caCertificate.getSubject(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevokedCertificate entry : revoked) {
            builder.addCRLEntry(entry.serial(), Date.from(entry.date().truncatedTo(ChronoUnit.SECONDS)), entry.reasonCode());
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL extensions", e);
        }
        X509CRLHolder crl = builder.build(new TokenContentSigner(token, ca.key(), ca.scheme(),
                verifier));
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(verifier).build(caCertificate))) {
                throw new TokenException(TokenException.Reason.SIGNATURE_INVALID, "the CRL of " + caCertificate.getSubject()
                        + " does not verify with the CA certificate; it was not issued");
            }
        } catch (OperatorCreationException | CertException | java.security.cert.CertificateException e) {
            throw new TokenException(TokenException.Reason.SIGNATURE_INVALID, "cannot verify the CRL of "
                    + caCertificate.getSubject() + ": " + e.getMessage(), e);
        }
        return crl;
    }
}
