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
        return verify(new java.io.ByteArrayInputStream(log), root, head);
    }

    /**
     * Verifies the log read from {@code log} in one pass, one line at a time, so a log of any size
     * is checked in the memory of its longest line.
     */
    public VerificationReport verify(java.io.InputStream log, Optional<X509CertificateHolder> root,
            Optional<String> head) {
        Walk walk = new Walk(root, head);
        int torn;
        try {
            torn = LogLines.read(log, walk::line, walk::unterminated);
        } catch (Stopped stopped) {
            return stopped.report;
        }
        return walk.end(torn == 0 || walk.lastLineWasARecord ? Optional.empty() : Optional.of(torn));
    }

    /** Carries the report of the first bad record out of the line reader. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient VerificationReport report;

        Stopped(VerificationReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    /** The state of one pass over a log: what has been seen so far, line by line. */
    private final class Walk {
        private final Optional<X509CertificateHolder> root;
        private final Optional<String> head;
        private final java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private String expectedPrev = AuditEntry.GENESIS;
        private String ceremony;
        private PublicKey auditKey;
        private String auditKeySha;
        private String certificate;
        private boolean certificateTied;
        private int ceremonies;
        private int seals;
        private int lastSeal = -1;
        private int headAt = -1;
        private boolean lastLineWasARecord;
        private int lines;
        private final java.util.List<VerificationReport.Acknowledgement> acknowledged = new java.util.ArrayList<>();

        Walk(Optional<X509CertificateHolder> root, Optional<String> head) {
            this.root = root;
            this.head = head;
            this.certificate = root.isPresent() ? "no audit certificate in the log" : "not checked (no --root given)";
        }

        void line(byte[] bytes, int from, int to) {
            int i = lines;
            try {
                String line;
                try {
                    line = utf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
                } catch (CharacterCodingException e) {
                    throw new BadRecord("the line is not valid UTF-8");
                }
                check(line, i);
                expectedPrev = AuditChain.sha256(line);
            } catch (BadRecord bad) {
                throw new Stopped(failed(i + 1, bad.getMessage(), i, ceremonies, seals, expectedPrev, Optional.empty(),
                        certificate));
            } catch (RuntimeException e) {
                // Hostile bytes can upset any parser below (JSON, Base64, ASN.1): the record is bad, whatever broke.
                throw new Stopped(failed(i + 1, "the record cannot be read: " + e.getMessage(), i, ceremonies, seals,
                        expectedPrev, Optional.empty(), certificate));
            }
            if (head.isPresent() && headAt < 0 && expectedPrev.equals(head.get())) {
                headAt = i;
            }
            lines++;
        }

        /**
         * The bytes after the last newline. A crash cuts a line short, and no proper prefix of a
         * canonical record is a whole JSON object; so a final line that parses as one is a record whose
         * newline is missing (or was left off on purpose), and it is judged as every record is. Only a
         * partial line is a torn tail.
         */
        void unterminated(byte[] bytes, int from, int to) {
            try {
                if (!(Json.parse(new String(bytes, from, to - from, StandardCharsets.UTF_8))
                        instanceof java.util.Map<?, ?>)) {
                    return;
                }
            } catch (RuntimeException partial) {
                return;
            }
            lastLineWasARecord = true;
            line(bytes, from, to);
        }

        private void check(String line, int i) throws BadRecord {
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
            if ((entry.type().equals(AuditTypes.CEREMONY_START) || entry.type().equals(AuditTypes.CEREMONY_RESUMED))
                    && entry.data().get("unsealed-before") instanceof Number count
                    && entry.data().get("last-sealed-line") instanceof Number sealedLine) {
                acknowledged.add(new VerificationReport.Acknowledgement(i + 1, entry.ceremony(), count.longValue(),
                        sealedLine.longValue()));
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
        }

        VerificationReport end(Optional<Integer> torn) {
            if (lines == 0) {
                return failed(1, "the log holds no complete record", 0, 0, 0, AuditEntry.GENESIS, torn, certificate);
            }
            if (head.isPresent() && headAt < 0) {
                return failed(lines, "the head hash " + head.get() + " is not in the log: records at its end are "
                        + "missing (truncated), or the head was mistyped", lines, ceremonies, seals, expectedPrev,
                        torn, certificate);
            }
            if (root.isPresent() && !certificateTied) {
                return failed(lines, "the log holds no audit certificate, so its seals cannot be tied to the root",
                        lines, ceremonies, seals, expectedPrev, torn, certificate);
            }
            // A seal vouches for every record before it, the witnessed head for every record up to it.
            int covered = Math.max(lastSeal, headAt);
            Optional<VerificationReport.WitnessedHead> witnessed = head.map(h -> new VerificationReport.WitnessedHead(
                    headAt + 1, Math.max(0, lastSeal - headAt), lines - 1 - covered));
            if (head.isPresent() && covered < lines - 1) {
                return new VerificationReport(false, Optional.of(new VerificationReport.Problem(covered + 2,
                        "it comes after the witnessed head (record " + (headAt + 1) + ") and no seal covers it: "
                        + (lines - 1 - covered) + " record(s) at the end are not authenticated, appended after "
                        + "the last seal (by a crash cut short, or by someone else)")), covered + 1, ceremonies, seals,
                        expectedPrev, 0, 0, witnessed, torn, certificate, acknowledged);
            }
            return new VerificationReport(true, Optional.empty(), lines, ceremonies, seals, expectedPrev,
                    lines - 1 - lastSeal, covered + 1, witnessed, torn, certificate, acknowledged);
        }
    }

    /**
     * Why the seal on {@code sealLine} does not verify with the audit key of the log whose first
     * record is {@code logStartLine}, or empty when it does. Only the signature is checked, not the
     * chain before it: a writer checks the last seal before it continues a log.
     */
    public Optional<String> sealProblem(String logStartLine, String sealLine) {
        try {
            AuditEntry start = AuditEntry.parse(logStartLine);
            byte[] key = base64(start.dataText("audit-key"), "audit-key");
            AuditEntry seal = AuditEntry.parse(sealLine);
            if (!seal.type().equals(AuditTypes.SEAL)) {
                throw new BadRecord("it is a " + seal.type() + " record, not a seal");
            }
            checkSeal(seal, publicKey(start.dataText("audit-key")), AuditChain.sha256Bytes(key));
            return Optional.empty();
        } catch (BadRecord bad) {
            return Optional.of(bad.getMessage());
        } catch (RuntimeException e) {
            return Optional.of("it cannot be read: " + e.getMessage());
        }
    }

    private static VerificationReport failed(int line, String reason, int records, int ceremonies, int seals,
            String head, Optional<Integer> torn, String certificate) {
        return new VerificationReport(false, Optional.of(new VerificationReport.Problem(line, reason)), records,
                ceremonies, seals, head, 0, 0, Optional.empty(), torn, certificate, java.util.List.of());
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
