package dev.ceremony.pki.csr;

import java.io.IOException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import dev.ceremony.pki.ContentVerifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/** Reads a PKCS#10 request from PEM or DER bytes and verifies its self-signature. */
public final class CsrReader {

    /** Largest CSR accepted, the same limit as the media import. */
    public static final int MAX_BYTES = 64 * 1024;

    /** Verifies the self-signature; null when the bytes were verified before (see {@link #ofReviewedBytes}). */
    private final Provider verifier;

    public CsrReader(Provider verifier) {
        this.verifier = java.util.Objects.requireNonNull(verifier, "verifier");
    }

    private CsrReader() {
        this.verifier = null;
    }

    /**
     * A reader for bytes a verifying reader already accepted, as their SHA-256 proves (the sign
     * step re-reads what the review verified, after checking the hash the review logged): it parses
     * and does not verify the self-signature a second time. Never give it bytes of unknown origin.
     */
    public static CsrReader ofReviewedBytes() {
        return new CsrReader();
    }

    /** @throws CsrException with a rule id and a sentence when the bytes are no valid, self-signed CSR */
    public ParsedCsr read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new CsrException("csr-size", "the request is " + bytes.length + " bytes; at most " + MAX_BYTES
                    + " are accepted");
        }
        PKCS10CertificationRequest request = parse(bytes);
        if (verifier != null) {
            verifySignature(request);
        }
        Extensions extensions = requestedExtensions(request);
        List<GeneralName> names = new ArrayList<>();
        if (extensions != null) {
            GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            if (sans != null) {
                names.addAll(List.of(sans.getNames()));
            }
        }
        return new ParsedCsr(request, request.getSubject(), request.getSubjectPublicKeyInfo(), names, extensions);
    }

    /** Checks the request's self-signature (see {@link ContentVerifiers} for how). */
    private void verifySignature(PKCS10CertificationRequest request) {
        try {
            if (!request.isSignatureValid(ContentVerifiers.of(request.getSubjectPublicKeyInfo(), verifier))) {
                throw new CsrException("csr-signature", "the request's signature does not verify with its own key: "
                        + "the requester did not prove possession of the private key");
            }
        } catch (OperatorCreationException | PKCSException | IllegalArgumentException e) {
            throw new CsrException("csr-signature", "the request's signature cannot be checked: " + e.getMessage());
        }
    }

    private static PKCS10CertificationRequest parse(byte[] bytes) {
        byte[] der = SingleRequest.der(bytes);
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new CsrException("csr-format", "the file is not a PKCS#10 certificate request in PEM or DER");
        }
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest request) {
        var attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
            throw new CsrException("csr-format", "the request carries more than one extension request");
        }
        try {
            return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
        } catch (IllegalArgumentException e) {
            throw new CsrException("csr-format", "the requested extensions cannot be read: " + e.getMessage());
        }
    }
}
