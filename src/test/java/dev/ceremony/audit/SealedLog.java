package dev.ceremony.audit;

import dev.ceremony.files.AuditLogFile;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A small real log for the verifier's tests, sealed by an audit key on the token and tied to a root:
 * log-start, two key events, seal; root cert, audit cert, seal; a second ceremony with a seal (11
 * records, seals on lines 4, 7 and 11).
 */
public record SealedLog(byte[] bytes, X509CertificateHolder root, TokenSealSigner signer) {

    public static SealedLog build(Token token, Path file, String auditLabel, String rootLabel) throws Exception {
        KeyHandle auditKey = token.generateKeyPair(new KeyLabel(auditLabel), KeySpec.EC_P256);
        TokenSealSigner sealer = new TokenSealSigner(token, auditKey, TestHierarchy.BC);
        X509CertificateHolder rootCertificate;
        try (AuditLogFile audit = AuditLogFile.create(file, Clock.systemUTC(), "ceremony-1",
                auditKey.requirePublicKey().getEncoded(), Map.of("script", "root-ca"))) {
            KeyHandle rootKey = token.generateKeyPair(new KeyLabel(rootLabel), KeySpec.EC_P384);
            audit.append("key-generated", Map.of("label", auditLabel, "public-key-sha256", auditKey.publicKeySha256().orElseThrow()));
            audit.append("key-generated", Map.of("label", rootLabel, "public-key-sha256", rootKey.publicKeySha256().orElseThrow()));
            audit.seal(sealer);
            CertificateIssuer issuer = new CertificateIssuer(token, new TokenSerials(token), Linter.standard(),
                    TestHierarchy.BC, Clock.systemUTC(), Duration.ofMinutes(5));
            X500Name rootName = Names.subject(TestHierarchy.DN, "Audit Test Root " + rootLabel);
            rootCertificate = issuer.issue(new CertificateIssuer.Request(
                    TestHierarchy.profile("root-ca"), new SubjectData(rootName, List.of(), TestHierarchy.spki(rootKey)),
                    CaSigner.selfSigning(rootKey, rootName), Optional.empty(), Optional.empty()), (s, t) -> { })
                    .certificate();
            X509CertificateHolder auditCertificate = issuer.issue(new CertificateIssuer.Request(
                    TestHierarchy.profile("audit-signer"), new SubjectData(Names.subject(TestHierarchy.DN,
                            "Audit Signer " + auditLabel), List.of(), TestHierarchy.spki(auditKey)),
                    CaSigner.of(rootKey, rootCertificate), Optional.empty(), Optional.empty()), (s, t) -> { })
                    .certificate();
            audit.append("certificate-issued", Map.of("profile", "root-ca", "serial",
                    rootCertificate.getSerialNumber().toString(16)));
            audit.append(AuditTypes.AUDIT_CERTIFICATE, Map.of("certificate",
                    Base64.getEncoder().encodeToString(auditCertificate.getEncoded())));
            audit.seal(sealer);
            audit.startCeremony("ceremony-2", Map.of("script", "intermediate-ca"));
            audit.append("note", Map.of("operator", "Alice", "text", "all witnesses present"));
            audit.append("confirmation", Map.of("role", "witness", "name", "Bob", "step", "inspect-token"));
            audit.seal(sealer);
        }
        return new SealedLog(Files.readAllBytes(file), rootCertificate, sealer);
    }

    /** The hash of the last line: the head the witnesses wrote down. */
    public String head() {
        List<String> lines = lines(bytes);
        return AuditChain.sha256(lines.get(lines.size() - 1));
    }

    public static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1)));
    }

    static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A forger's signer: it signs with {@code real} and names {@code keySha256}, another key. */
    static SealSigner claiming(String keySha256, SealSigner real) {
        return new SealSigner() {
            @Override
            public String keySha256() {
                return keySha256;
            }

            @Override
            public String algorithm() {
                return real.algorithm();
            }

            @Override
            public byte[] sign(byte[] message) {
                return real.sign(message);
            }
        };
    }

    /** This log with one more record, chained as the writer chains it, and no seal after it. */
    byte[] withUnsealedRecord(Path file) throws Exception {
        Files.write(file, bytes);
        try (AuditLogFile audit = AuditLogFile.open(file, Clock.systemUTC())) {
            audit.append("note", Map.of("text", "appended after the last seal"));
        }
        return Files.readAllBytes(file);
    }
}
