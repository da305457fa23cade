package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.CrlIssuer;
import dev.ceremony.pki.CrlSchedule;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.records.AuditedCaRecords;
import dev.ceremony.records.RecordedSerials;
import dev.ceremony.records.RecordingIssuer;
import dev.ceremony.records.RevocationService;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SoftHsm
class StatusCommandTest {

    private static String run(Path dir, String... args) {
        TestCli.Result result = new TestCli(dir).run(args);
        assertThat(result.status()).as(result.all()).isZero();
        return result.out();
    }

    @Test
    void status_showsCasCrlsCountsTheHeadAndWarnings(TestToken testToken, @TempDir Path dir) throws Exception {
        Path config = testToken.writeApplianceConfig(dir.resolve("etc"));
        Path usb = Files.createDirectories(dir.resolve("usb-stick"));
        Files.writeString(config, Files.readString(config) + "media:\n  directories: [" + usb + "]\n");
        Path records = dir.resolve("etc/records");
        Path log = records.resolve("audit.jsonl");
        assertThat(run(dir, "status", "--config", config.toString())).contains("No records at " + records)
                .containsPattern("(?m)^Media\\n").containsPattern("(?m)^Air gap +(passed|refused|overridden): ");

        try (Token token = testToken.openLoggedIn()) {
            KeyHandle audit = token.generateKeyPair(new KeyLabel("audit"), KeySpec.EC_P256);
            KeyHandle root = token.generateKeyPair(new KeyLabel("root"), KeySpec.EC_P256);
            KeyHandle deviceCaKey = token.generateKeyPair(new KeyLabel("device-ca"), KeySpec.EC_P256);
            Files.createDirectories(records);
            try (AuditLogFile trail = AuditLogFile.create(log, Clock.systemUTC(), "status-test",
                    audit.requirePublicKey().getEncoded(), Map.of());
                    AuditedCaRecords audited = new AuditedCaRecords(JournalCaRecords.open(records), trail)) {
                RecordingIssuer issuer = new RecordingIssuer(new CertificateIssuer(token, new RecordedSerials(
                        new TokenSerials(token), audited), Linter.standard(), TestHierarchy.BC, Clock.systemUTC(),
                        Duration.ofMinutes(5)), audited);
                X500Name rootName = Names.subject(TestHierarchy.DN, "Status Root");
                X509CertificateHolder rootCertificate = issuer.issue(new CertificateIssuer.Request(
                        TestHierarchy.profile("root-ca"), new SubjectData(rootName, List.of(), TestHierarchy.spki(root)),
                        CaSigner.selfSigning(root, rootName), Optional.empty(), Optional.empty()), false).certificate();
                X509CertificateHolder deviceCa = issuer.issue(new CertificateIssuer.Request(
                        TestHierarchy.profile("intermediate-ca"), new SubjectData(Names.subject(TestHierarchy.DN,
                                "Status Device CA"), List.of(), TestHierarchy.spki(deviceCaKey)),
                        CaSigner.of(root, rootCertificate), Optional.of(60), Optional.empty()), false).certificate();
                audited.storeCaCertificate("root-ca", rootCertificate);
                audited.storeCaCertificate("device-ca", deviceCa);
                new RevocationService(audited, new CrlIssuer(token, TestHierarchy.BC, Clock.systemUTC(),
                        CrlSchedule.DEFAULT), Clock.systemUTC()).issueCrl(CaSigner.of(root, rootCertificate));
                trail.seal(new TokenSealSigner(token, audit, TestHierarchy.BC));
            }
        }

        String status = run(dir, "status", "--config", config.toString());

        assertThat(status)
                .containsPattern("root-ca +expires .* \\((3649|3650) days\\)")
                .containsPattern("device-ca +expires .* \\((59|60) days\\)")
                .containsPattern("root-ca +number 1, next update .* \\((364|365) days\\)")
                .contains("device-ca          none signed yet")
                .contains("Certificates       0 issued, 0 revoked")
                .contains("last ceremony    status-test")
                .contains("unsealed         0")
                .contains("verifies         yes")
                .containsPattern("- CA device-ca expires in (59|60) days")
                .contains("- CA device-ca has signed no CRL yet")
                .contains("Media\n  " + usb + "\n      label (none), UUID (none), a configured directory, ")
                .containsPattern("(?s)Media.*Air gap.*Warnings");
        dev.ceremony.engine.PreflightFinding airGap = new dev.ceremony.engine.NetworkCheck(false)
                .check(new dev.ceremony.files.SysNetworkLinks(dev.ceremony.files.SysNetworkLinks.SYSTEM).read());
        assertThat(status).contains("Air gap            " + dev.ceremony.text.KebabCase.of(airGap.outcome()) + ": "
                + airGap.detail());
        assertThat(status.contains("- the network is up: a ceremony would be refused")).isEqualTo(airGap.refused());

        try (AuditLogFile trail = AuditLogFile.open(log, Clock.systemUTC())) {
            trail.append(AuditTypes.SERIAL_RESERVED, Map.of("serial", "abc123", "issuer", "00ff", "profile",
                    "mqtt-device", "tbs-sha256", "00"));
        }
        assertThat(run(dir, "status", "--config", config.toString()))
                .contains("- 1 audit record(s) after the last seal are not authenticated")
                .contains("- the records lag 1 change(s) behind the audit log");
    }
}
