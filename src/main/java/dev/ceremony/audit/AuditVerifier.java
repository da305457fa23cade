package dev.ceremony.audit;

import dev.ceremony.pki.ExtendedKeyUsage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Verifies an audit log with nothing but its bytes and, optionally, the root certificate and the
 * head hash the witnesses wrote down. It stops at the first bad record and says why.
 */
public final class AuditVerifier {

    private final Provider provider;

    /** @param provider verifies seal and certificate signatures (BouncyCastle) */
    public AuditVerifier(Provider provider) {
        this.provider = provider;
    }

    private static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;

        BadRecord(String reason) {
            super(reason);
        }
    }

    public VerificationReport verify(byte[] log, Optional<X509CertificateHolder> root, Optional<String> head) {
        int end = log.length;
        while (end > 0 && log[end - 1] != '\n') {
            end--;
        }
        Optional<Integer> torn = end < log.length ? Optional.of(log.length - end) : Optional.empty();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(log, 0, end)).toString();
        } catch (CharacterCodingException e) {
            return failed(1, "the log is not valid UTF-8", 0, 0, 0, AuditEntry.GENESIS, torn, "not checked");
        }
        String[] lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
        String expectedPrev = AuditEntry.GENESIS;
        String ceremony = null;
        PublicKey auditKey = null;
        String auditKeySha = null;
        String certificate = root.isPresent() ? "no audit certificate in the log" : "not checked (no --root given)";
        boolean certificateTied = false;
        int ceremonies = 0;
        int seals = 0;
        int lastSeal = -1;
        boolean headFound = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            try {
                AuditEntry entry;
                try {
                    entry = AuditEntry.parse(line);
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw new BadRecord("the record cannot be read: " + e.getMessage());
                }
                if (!entry.line().equals(line)) {
                    throw new BadRecord("the record is not in canonical form: a byte was changed");
                }
                if (entry.seq() != i) {
                    throw new BadRecord("it has sequence number " + entry.seq() + " where " + i + " belongs: a record "
                            + "was deleted, inserted, duplicated or moved");
                }
                if (!entry.prev().equals(expectedPrev)) {
                    throw new BadRecord("it does not chain to line " + i + " (prev " + entry.prev().substring(0, 16)
                            + "…, expected " + expectedPrev.substring(0, 16) + "…): line " + i + " was changed, or "
                            + "records were removed, reordered or spliced from another log");
                }
                if (i == 0) {
                    if (!entry.type().equals(AuditTypes.LOG_START)) {
                        throw new BadRecord("the first record must be the log-start, not " + entry.type());
                    }
                    auditKey = publicKey(entry.dataText("audit-key"));
                    auditKeySha = AuditChain.sha256Bytes(base64(entry.dataText("audit-key"), "audit-key"));
                    if (!auditKeySha.equals(entry.dataText("audit-key-sha256"))) {
                        throw new BadRecord("the audit key's hash does not match the key");
                    }
                    ceremony = entry.ceremony();
                    ceremonies = 1;
                } else if (entry.type().equals(AuditTypes.LOG_START)) {
                    throw new BadRecord("a second log-start: two logs were joined");
                } else if (entry.type().equals(AuditTypes.CEREMONY_START)) {
                    if (!entry.dataText("previous-head").equals(entry.prev())) {
                        throw new BadRecord("the ceremony's previous head is not the record before it");
                    }
                    ceremony = entry.ceremony();
                    ceremonies++;
                } else if (!entry.ceremony().equals(ceremony)) {
                    throw new BadRecord("it belongs to ceremony " + entry.ceremony() + " inside ceremony " + ceremony
                            + ": records of two ceremonies were spliced");
                }
                if (entry.type().equals(AuditTypes.AUDIT_CERTIFICATE)) {
                    certificate = checkCertificate(entry, auditKeySha, root);
                    certificateTied = root.isPresent();
                }
                if (!entry.type().equals(AuditTypes.SEAL) && entry.sig().isPresent()) {
                    // Otherwise a changed type would turn the last seal into an unsealed record unseen.
                    throw new BadRecord("a " + entry.type() + " record carries a signature; only seals do");
                }
                if (entry.type().equals(AuditTypes.SEAL)) {
                    checkSeal(entry, auditKey, auditKeySha);
                    seals++;
                    lastSeal = i;
                }
            } catch (BadRecord bad) {
                return failed(i + 1, bad.getMessage(), i, ceremonies, seals, expectedPrev, torn, certificate);
            } catch (RuntimeException e) {
                // Hostile bytes can upset any parser below (JSON, Base64, ASN.1): the record is bad, whatever broke.
                return failed(i + 1, "the record cannot be read: " + e.getMessage(), i, ceremonies, seals, expectedPrev,
                        torn, certificate);
            }
            expectedPrev = AuditChain.sha256(line);
            if (head.isPresent() && expectedPrev.equals(head.get())) {
                headFound = true;
            }
        }
        if (lines.length == 0) {
            return failed(1, "the log holds no complete record", 0, 0, 0, AuditEntry.GENESIS, torn, certificate);
        }
        if (head.isPresent() && !headFound) {
            return failed(lines.length, "the head hash " + head.get() + " is not in the log: records at its end are "
                    + "missing (truncated), or the head was mistyped", lines.length, ceremonies, seals, expectedPrev,
                    torn, certificate);
        }
        if (root.isPresent() && !certificateTied) {
            return failed(lines.length, "the log holds no audit certificate, so its seals cannot be tied to the root",
                    lines.length, ceremonies, seals, expectedPrev, torn, certificate);
        }
        return new VerificationReport(true, Optional.empty(), lines.length, ceremonies, seals, expectedPrev,
                lines.length - 1 - lastSeal, torn, certificate);
    }

    private static VerificationReport failed(int line, String reason, int records, int ceremonies, int seals,
            String head, Optional<Integer> torn, String certificate) {
        return new VerificationReport(false, Optional.of(new VerificationReport.Problem(line, reason)), records,
                ceremonies, seals, head, 0, torn, certificate);
    }

    private void checkSeal(AuditEntry entry, PublicKey auditKey, String auditKeySha) throws BadRecord {
        if (!auditKeySha.equals(entry.data().get("key"))) {
            throw new BadRecord("the seal names another key than the log's audit key");
        }
        if (entry.sig().isEmpty()) {
            throw new BadRecord("the seal has no signature");
        }
        try {
            Signature verifier = Signature.getInstance(scheme(entry.dataText("alg")), provider);
            verifier.initVerify(auditKey);
            verifier.update(entry.unsignedLine().getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(base64(entry.sig().get(), "sig"))) {
                throw new BadRecord("the seal's signature does not verify with the audit key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadRecord("the seal's signature cannot be checked: " + e.getMessage());
        }
    }

    /**
     * Decodes Base64 that must be written exactly as the encoder writes it. Java's decoder ignores
     * the unused bits of a final group, so "…Ag==" and "…Ah==" decode alike; without this check a
     * changed character in the last seal's signature would go unseen.
     */
    private static byte[] base64(String text, String field) throws BadRecord {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadRecord("'" + field + "' is not Base64: " + e.getMessage());
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new BadRecord("'" + field + "' is not in canonical Base64: a character was changed");
        }
        return decoded;
    }

    private String checkCertificate(AuditEntry entry, String auditKeySha, Optional<X509CertificateHolder> root)
            throws BadRecord {
        X509CertificateHolder certificate;
        try {
            certificate = new X509CertificateHolder(base64(entry.dataText("certificate"), "certificate"));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadRecord("the audit certificate cannot be read: " + e.getMessage());
        }
        try {
            if (!AuditChain.sha256Bytes(certificate.getSubjectPublicKeyInfo().getEncoded()).equals(auditKeySha)) {
                throw new BadRecord("the audit certificate is for another key than the one the log started with");
            }
        } catch (IOException e) {
            throw new BadRecord("the audit certificate's key cannot be read");
        }
        var eku = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        if (eku == null || !eku.hasKeyPurposeId(ExtendedKeyUsage.DOCUMENT_SIGNING.purposeId())) {
            throw new BadRecord("the audit certificate lacks the document-signing EKU");
        }
        if (root.isEmpty()) {
            return "present, bound to the log's audit key; not checked against a root (no --root given)";
        }
        try {
            boolean rootSelfSigned = root.get().isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(provider).build(root.get()));
            boolean issuedByRoot = certificate.getIssuer().equals(root.get().getSubject())
                    && certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(provider)
                            .build(root.get()));
            if (!rootSelfSigned || !issuedByRoot || root.get().getExtension(Extension.basicConstraints) == null) {
                throw new BadRecord("the audit certificate was not issued by the given root");
            }
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertException
                | java.security.cert.CertificateException e) {
            throw new BadRecord("the audit certificate cannot be checked against the root: " + e.getMessage());
        }
        return "issued by the root " + root.get().getSubject() + " and bound to the log's audit key";
    }

    private PublicKey publicKey(String base64) throws BadRecord {
        try {
            byte[] encoded = base64(base64, "audit-key");
            String algorithm = SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm().getAlgorithm()
                    .equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
            return KeyFactory.getInstance(algorithm, provider).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadRecord("the audit key in the log-start cannot be read: " + e.getMessage());
        }
    }

    private static String scheme(String name) throws BadRecord {
        try {
            return dev.ceremony.token.SignatureScheme.valueOf(name).jcaName();
        } catch (IllegalArgumentException e) {
            throw new BadRecord("the seal names an unknown algorithm '" + name + "'");
        }
    }
}
