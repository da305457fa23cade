package dev.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.files.AuditLogFile;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SoftHsm
class TranscriptTest {

    @Test
    void transcript_fitsEightyColumns_andCarriesEverythingToSign(TestToken testToken, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("audit.jsonl");
        String auditSha;
        try (Token token = testToken.openLoggedIn()) {
            KeyHandle audit = token.generateKeyPair(new KeyLabel("audit-2026"), KeySpec.EC_P256);
            auditSha = audit.publicKeySha256().orElseThrow();
            try (AuditLogFile log = AuditLogFile.create(file, Clock.systemUTC(), "root-ceremony-2026",
                    audit.requirePublicKey().getEncoded(), Map.of("script", "root-ca", "script-sha256", "5e".repeat(32)))) {
                log.append(AuditTypes.PARTICIPANT, Map.of("role", "administrator", "name", "Alice Example"));
                log.append(AuditTypes.PARTICIPANT, Map.of("role", "witness", "name", "Bob\u001b[31m Witness"));
                log.append(AuditTypes.KEY_GENERATED, Map.of("label", "audit-2026", "public-key-sha256", auditSha));
                log.append(AuditTypes.STEP, Map.of("step", "generate-audit-key", "action", "generate-key", "outcome",
                        "done"));
                log.append(AuditTypes.CONFIRMATION, Map.of("step", "generate-audit-key", "role", "witness", "name",
                        "Bob\u001b[31m Witness"));
                log.append("refusal", Map.of("reason", "a CSR asked for CA:TRUE under mqtt-device and was refused, "
                        + "which is a long sentence that has to wrap within eighty columns of the transcript"));
                log.append(AuditTypes.FINGERPRINT, Map.of("subject", "root certificate", "sha256", "c0ffee".repeat(10) + "beef"));
                log.append(AuditTypes.NOTE, Map.of("name", "Alice Example", "text", "token serial checked against the "
                        + "delivery note"));
                log.seal(new TokenSealSigner(token, audit, TestHierarchy.BC));
            }
        }
        List<AuditEntry> entries = Files.readAllLines(file).stream().map(AuditEntry::parse).toList();
        String head = AuditChain.sha256(entries.get(entries.size() - 1).line());

        String transcript = Transcript.render(entries, "root-ceremony-2026");

        assertThat(transcript.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(transcript)
                .contains("Ceremony         root-ceremony-2026")
                .contains("Script           root-ca")
                .contains("administrator  Alice Example")
                .contains("generate-audit-key  generate-key: done")
                .contains("confirmed by witness Bob\\u001B[31m Witness")
                .doesNotContain("\u001b")
                .contains(Fingerprints.hexLines(auditSha, 76).get(0))
                .contains(Fingerprints.wordLines(auditSha, 76).get(0))
                .contains("REFUSAL: a CSR asked for CA:TRUE")
                .contains("record 9 (seal), sealed")
                .contains(Fingerprints.hexLines(head, 76).get(0))
                .contains(Fingerprints.wordLines(head, 76).get(0))
                .containsPattern("administrator +Alice Example +signature _{22}")
                .containsPattern("witness +Bob\\\\u001B\\[31m Witness +signature _{22}")
                .contains("Date ____________________");
        Files.writeString(dir.resolve("transcript.txt"), transcript);
    }
}
