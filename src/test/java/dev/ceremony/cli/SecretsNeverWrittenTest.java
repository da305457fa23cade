package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.audit.Transcript;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.testing.SecretScan;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what exists of a ceremony's life (token info with good and bad PINs from file, environment
 * and prompt-less batch, an audit log with records, a seal, status, a transcript) and then scans
 * every byte written, to files and to the terminal, for the PINs.
 */
@SoftHsm
class SecretsNeverWrittenTest {

    private static final String WRONG_PIN = "wrong-pin-77313";

    @Test
    void noOutputAnywhere_containsAPin(TestToken testToken, @TempDir Path dir) throws Exception {
        Path config = testToken.writeApplianceConfig(dir.resolve("etc"));
        Path pinFile = testToken.writePinFile(dir.resolve("secret"));
        Path wrongPinFile = dir.resolve("secret/wrong");
        Files.createFile(wrongPinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(wrongPinFile, WRONG_PIN + "\n");
        List<String> terminal = new ArrayList<>();
        Map<String, String> environment = new HashMap<>(Map.of("CEREMONY_DEBUG_LOG", dir.resolve("debug.log").toString()));

        terminal.add(run(dir, environment, "token", "info", "--config", config.toString(), "--pin-file", pinFile.toString()));
        terminal.add(run(dir, environment, "token", "info", "--config", config.toString(), "--pin-file",
                wrongPinFile.toString()));
        environment.put("CEREMONY_PIN", WRONG_PIN);
        terminal.add(run(dir, environment, "token", "info", "--config", config.toString()));
        environment.put("CEREMONY_PIN", testToken.userPin());
        terminal.add(run(dir, environment, "token", "info", "--config", config.toString()));

        Path records = dir.resolve("etc/records");
        Files.createDirectories(records);
        try (Token token = testToken.openLoggedIn()) {
            KeyHandle audit = token.generateKeyPair(new KeyLabel("audit"), KeySpec.EC_P256);
            try (AuditLogFile log = AuditLogFile.create(records.resolve("audit.jsonl"), Clock.systemUTC(), "secrets",
                    audit.requirePublicKey().getEncoded(), Map.of("script", "root-ca"));
                    JournalCaRecords journal = JournalCaRecords.open(records)) {
                log.append(AuditTypes.PARTICIPANT, Map.of("role", "administrator", "name", "Alice"));
                log.append(AuditTypes.KEY_GENERATED, Map.of("label", "audit", "public-key-sha256",
                        audit.publicKeySha256().orElseThrow()));
                log.seal(new TokenSealSigner(token, audit, TestHierarchy.BC));
            }
        }
        terminal.add(run(dir, environment, "status", "--config", config.toString()));
        terminal.add(run(dir, environment, "audit", "verify", records.resolve("audit.jsonl").toString()));
        List<AuditEntry> entries = Files.readAllLines(records.resolve("audit.jsonl")).stream().map(AuditEntry::parse).toList();
        Files.writeString(dir.resolve("transcript.txt"), Transcript.render(entries, "secrets"));

        List<String> secrets = List.of(testToken.userPin(), testToken.soPin(), WRONG_PIN);
        SecretScan.textsHoldNone(terminal, secrets);
        List<Path> written = SecretScan.filesHoldNone(dir, file -> file.startsWith(dir.resolve("secret")), secrets);
        assertThat(written).extracting(file -> file.getFileName().toString())
                .contains("debug.log", "audit.jsonl", "journal.jsonl", "transcript.txt", "ceremony.yaml");
    }

    private static String run(Path dir, Map<String, String> environment, String... args) {
        TestCli.Result result = new TestCli(dir, environment).run(args);
        return result.out() + "\n" + result.err();
    }
}
