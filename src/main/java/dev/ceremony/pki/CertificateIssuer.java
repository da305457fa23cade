package dev.ceremony.pki;

import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Issues certificates the way boulder's ceremony tool does: build the TBS from the profile, lint
 * it (any finding stops issuance), sign those exact bytes on the token, check that the assembled
 * certificate carries the linted TBS byte for byte, and verify its signature with the issuer's key.
 */
public final class CertificateIssuer {

    private final Token token;
    private final SerialSource serials;
    private final Provider verifier;
    private final CertificateDrafter drafter;
    private final Map<SubjectPublicKeyInfo, ContentVerifierProvider> verifiers = new ConcurrentHashMap<>();

    /**
     * @param verifier the JCA provider that verifies each certificate after signing (BouncyCastle)
     * @param maxClockSkew how far notBefore may be from the ceremony's clock
     */
    public CertificateIssuer(Token token, SerialSource serials, Linter linter, Provider verifier, Clock clock,
            Duration maxClockSkew) {
        this.token = Objects.requireNonNull(token, "token");
        this.serials = Objects.requireNonNull(serials, "serials");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.drafter = new CertificateDrafter(linter, clock, maxClockSkew);
    }

    /** What to issue: the profile, the subject, the issuing CA, the days and any name constraints. */
    public record Request(CertificateProfile profile, SubjectData subject, CaSigner issuer, Optional<Integer> days,
            Optional<NameConstraintsSpec> nameConstraints) {

        public Request {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(days, "days");
            Objects.requireNonNull(nameConstraints, "nameConstraints");
        }
    }

    /** Builds and lints the TBS without signing or drawing a serial: the findings, empty if it would pass. */
    public List<LintFinding> dryRun(Request request) {
        return drafter.dryRun(request);
    }

    /** Called after lint and before the token signs: where the serial and TBS hash are made durable. */
    @FunctionalInterface
    public interface WriteAhead {
        void beforeSigning(BigInteger serial, byte[] tbsSha256);
    }

    /**
     * Lints, hands the serial and TBS hash to {@code writeAhead}, signs on the token, and verifies.
     * On a lint finding it throws {@link LintException}: nothing is reserved and nothing signed.
     */
    public IssuedCertificate issue(Request request, WriteAhead writeAhead) {
        Prepared prepared = prepare(request);
        writeAhead.beforeSigning(prepared.serial(), prepared.tbsSha256());
        return sign(prepared);
    }

    /**
     * A TBS certificate that passed lint, with its serial drawn: ready to be reserved in the
     * records and then signed. Batches prepare a whole chunk, reserve it with one sync, then sign.
     */
    public static final class Prepared {
        private final Request request;
        private final CertificateDrafter.Draft linted;
        private final byte[] tbs;

        private Prepared(Request request, CertificateDrafter.Draft linted) {
            this.request = request;
            this.linted = linted;
            this.tbs = der(linted.tbs());
        }

        public Request request() {
            return request;
        }

        public BigInteger serial() {
            return linted.tbs().getSerialNumber().getValue();
        }

        /** The linted TBS, exactly what the token will sign: for the people who confirm it. */
        public TBSCertificate tbs() {
            return linted.tbs();
        }

        public byte[] tbsSha256() {
            return sha256(tbs);
        }
    }

    /** Builds and lints the TBS with a fresh serial; throws {@link LintException} on any finding. */
    public Prepared prepare(Request request) {
        return prepare(request, serials.next());
    }

    /** A fresh serial for {@link #prepare(Request, BigInteger)}: serials are drawn one at a time. */
    public BigInteger nextSerial() {
        return serials.next();
    }

    /**
     * Builds and lints the TBS under a serial drawn with {@link #nextSerial()}; throws
     * {@link LintException} on any finding. Safe to call from several threads at once.
     */
    public Prepared prepare(Request request, BigInteger serial) {
        CertificateDrafter.Draft linted = drafter.draft(request, serial);
        if (!linted.findings().isEmpty()) {
            throw new LintException("the " + request.profile().name() + " certificate for "
                    + request.subject().subject(), linted.findings());
        }
        return new Prepared(request, linted);
    }

    /**
     * Signs a prepared TBS on the token, checks the certificate carries exactly the linted bytes,
     * and verifies the signature with the issuer's key. Reserve the serial before calling this.
     */
    public IssuedCertificate sign(Prepared prepared) {
        X509CertificateHolder certificate = signOnToken(prepared);
        verify(certificate, prepared.linted.issuerKey());
        return new IssuedCertificate(certificate, sha256(prepared.tbs));
    }

    /**
     * Signs a chunk: one token signature per certificate, one after another (a single signer),
     * then verifies them on every core. The results are in the order given; if any signature
     * fails to verify, nothing of the chunk is returned.
     */
    public List<IssuedCertificate> signAll(List<Prepared> chunk) {
        List<X509CertificateHolder> signed = new ArrayList<>(chunk.size());
        for (Prepared prepared : chunk) {
            signed.add(signOnToken(prepared));
        }
        return IntStream.range(0, chunk.size()).parallel().mapToObj(i -> {
            verify(signed.get(i), chunk.get(i).linted.issuerKey());
            return new IssuedCertificate(signed.get(i), sha256(chunk.get(i).tbs));
        }).toList();
    }

    private X509CertificateHolder signOnToken(Prepared prepared) {
        CertificateDrafter.Draft linted = prepared.linted;
        byte[] tbs = prepared.tbs;
        byte[] signature = token.sign(prepared.request.issuer().key(), linted.scheme(), tbs);
        ASN1EncodableVector parts = new ASN1EncodableVector(3);
        parts.add(linted.tbs());
        parts.add(linted.scheme().algorithmIdentifier());
        parts.add(new DERBitString(signature));
        X509CertificateHolder certificate;
        try {
            certificate = new X509CertificateHolder(Certificate.getInstance(new DERSequence(parts)).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the signed certificate", e);
        }
        if (!Arrays.equals(der(certificate.toASN1Structure().getTBSCertificate()), tbs)) {
            throw new IllegalStateException("the signed certificate's TBS differs from the linted TBS; nothing issued");
        }
        return certificate;
    }

    /**
     * Verifies with the issuer's key, built once per issuer: the verifier keeps the key's
     * precomputed multiples, which makes each verification about twice as fast as a fresh key.
     */
    private void verify(X509CertificateHolder certificate, SubjectPublicKeyInfo issuerKey) {
        try {
            ContentVerifierProvider provider = verifiers.computeIfAbsent(issuerKey, key -> {
                try {
                    return ContentVerifiers.of(key, verifier);
                } catch (OperatorCreationException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            });
            boolean valid = certificate.isSignatureValid(provider);
            if (!valid) {
                throw new TokenException(TokenException.Reason.SIGNATURE_INVALID, "the token's signature on "
                        + certificate.getSubject() + " does not verify with the issuer's public key; nothing issued");
            }
        } catch (IllegalArgumentException | CertException e) {
            throw new TokenException(TokenException.Reason.SIGNATURE_INVALID, "cannot verify the signature on "
                    + certificate.getSubject() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] der(TBSCertificate tbs) {
        try {
            return tbs.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the TBS certificate", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
