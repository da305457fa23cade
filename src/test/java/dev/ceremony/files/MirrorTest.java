package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.records.MirroredCaRecords;
import dev.ceremony.records.RecordedSerials;
import dev.ceremony.records.RecordingIssuer;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional mirror: the log and the records on a second medium, kept equal, checked, and rebuilt. */
@SoftHsm
class MirrorTest {

    private static String[] cli(Path dir, String... args) {
        TestCli.Result result = new TestCli(dir).run(args);
        return new String[] {String.valueOf(result.status()), result.all()};
    }

    @Test
    void mirror_staysIdentical_isCheckedByVerifyAndStatus_andIsRebuiltWhenLost(TestToken testToken, @TempDir Path dir)
            throws Exception {
        Path configFile = testToken.writeApplianceConfig(dir.resolve("etc"));
        Files.writeString(configFile, Files.readString(configFile).replace("  directory: records\n",
                "  directory: records\n  mirror: mirror\n"));
        ApplianceConfig config = new ApplianceConfigReader(new StrictYaml()).read(configFile);
        Path mirrorLog = config.mirrorAuditLog().orElseThrow();
        Files.createDirectories(config.recordsDirectory());

        try (Token token = testToken.openLoggedIn()) {
            KeyHandle audit = token.generateKeyPair(new KeyLabel("audit"), KeySpec.EC_P256);
            KeyHandle root = token.generateKeyPair(new KeyLabel("root"), KeySpec.EC_P256);
            AuditLogFile.create(config.auditLog(), Clock.systemUTC(), "mirror-test", audit.requirePublicKey().getEncoded(),
                    Map.of()).close();
            try (CaStore store = CaStore.open(config, Clock.systemUTC())) {
                RecordingIssuer issuer = new RecordingIssuer(new CertificateIssuer(token, new RecordedSerials(
                        new TokenSerials(token), store.records()), Linter.standard(), TestHierarchy.BC, Clock.systemUTC(),
                        Duration.ofMinutes(5)), store.records());
                X500Name name = Names.subject(TestHierarchy.DN, "Mirror Root");
                X509CertificateHolder rootCertificate = issuer.issue(new CertificateIssuer.Request(
                        TestHierarchy.profile("root-ca"), new SubjectData(name, List.of(), TestHierarchy.spki(root)),
                        CaSigner.selfSigning(root, name), Optional.empty(), Optional.empty()), false).certificate();
                store.records().storeCaCertificate("root-ca", rootCertificate);
                store.log().seal(new TokenSealSigner(token, audit, TestHierarchy.BC));
            }
        }

        assertThat(Files.readAllBytes(mirrorLog)).isEqualTo(Files.readAllBytes(config.auditLog()));
        String[] verified = cli(dir, "audit", "verify", config.auditLog().toString(), "--mirror", mirrorLog.toString());
        assertThat(verified[0]).as(verified[1]).isEqualTo("0");
        assertThat(verified[1]).contains("identical copy at " + mirrorLog);
        assertThat(cli(dir, "status", "--config", configFile.toString())[1]).contains("agrees with the log and the records");
        try (JournalCaRecords primary = JournalCaRecords.open(config.recordsDirectory());
                JournalCaRecords mirror = JournalCaRecords.open(config.mirrorDirectory().orElseThrow())) {
            assertThat(MirroredCaRecords.differences(primary, mirror)).isEmpty();
            assertThat(dev.ceremony.records.Indexed.all(mirror)).hasSize(1);
        }

        deleteTree(config.mirrorDirectory().orElseThrow());
        try (CaStore store = CaStore.open(config, Clock.systemUTC())) {
            assertThat(store.repairs()).anyMatch(repair -> repair.startsWith("mirror: entered certificate"))
                    .anyMatch(repair -> repair.startsWith("mirror: stored CA certificate root-ca"));
        }
        assertThat(Files.readAllBytes(mirrorLog)).isEqualTo(Files.readAllBytes(config.auditLog()));

        List<String> lines = Files.readAllLines(mirrorLog);
        lines.set(2, lines.get(2).replace("mirror-test", "mirror-tesT"));
        Files.writeString(mirrorLog, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        String[] tampered = cli(dir, "audit", "verify", config.auditLog().toString(), "--mirror", mirrorLog.toString());
        assertThat(tampered[0]).isEqualTo("1");
        assertThat(tampered[1]).contains("differs from the log at line 3");
        assertThat(cli(dir, "status", "--config", configFile.toString())[1])
                .contains("- the audit log mirror differs from the log at line 3");
        assertThatThrownBy(() -> CaStore.open(config, Clock.systemUTC())).hasMessageContaining("differs from");
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
