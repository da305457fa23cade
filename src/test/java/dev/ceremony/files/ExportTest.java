package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.media.ExportFile;
import dev.ceremony.media.ExportPlan;
import dev.ceremony.media.ExportReceipt;
import dev.ceremony.media.FileNames;
import dev.ceremony.media.MediaException;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export folders checked with sha256sum and openssl, a full medium, a retry elsewhere, and big batches. */
@SoftHsm
class ExportTest {

    @TempDir
    static Path dir;

    private static TestHierarchy pki;
    private static TokenSealSigner signer;
    private static X509CertificateHolder auditCertificate;
    private static List<ExportPlan.Leaf> leaves;
    private static AuditLogFile log;

    @BeforeAll
    static void issue(TestToken testToken) throws Exception {
        pki = new TestHierarchy(testToken, dir);
        KeyHandle audit = pki.token.generateKeyPair(new KeyLabel("audit-signer"), KeySpec.EC_P256);
        signer = new TokenSealSigner(pki.token, audit, TestHierarchy.BC);
        auditCertificate = pki.issuer.issue(new CertificateIssuer.Request(TestHierarchy.profile("audit-signer"),
                new SubjectData(Names.subject(TestHierarchy.DN, "Ceremony Test Audit Signer"), List.of(),
                        TestHierarchy.spki(audit)), CaSigner.of(pki.rootKey, pki.root), Optional.empty(), Optional.empty()),
                false).certificate();
        leaves = List.of(
                new ExportPlan.Leaf(pki.server("mqtt-1", pki.p256()), List.of(pki.serverCa), ExportPlan.Kind.SERVER),
                new ExportPlan.Leaf(pki.device("Sensor-7"), List.of(pki.deviceCa), ExportPlan.Kind.DEVICE),
                new ExportPlan.Leaf(pki.device("sensor-7"), List.of(pki.deviceCa), ExportPlan.Kind.DEVICE));
        log = AuditLogFile.create(dir.resolve("export-audit.jsonl"), Clock.systemUTC(), "export-test",
                audit.requirePublicKey().getEncoded(), Map.of());
    }

    @AfterAll
    static void close() {
        log.close();
        pki.close();
    }

    private static List<ExportFile> plan(int perFolder) {
        return ExportPlan.files(pki.root, auditCertificate, leaves, "fleet.example.com", perFolder);
    }

    private static void assertOk(Tool result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void exportFolder_verifiesWithSha256sumAndOpenssl_asItsReadmeSays() throws Exception {
        Path medium = Files.createDirectories(dir.resolve("usb-out"));

        ExportReceipt result = new Exporter(DurableFiles::createNew).export(medium, "ceremony-2026-11-22", plan(5000),
                signer, log);

        Path folder = result.folder();
        Tool listing = Tool.run(folder, "ls", "-1");
        System.out.println("export folder listing:\n" + listing.output());
        assertThat(listing.output().lines()).containsExactlyInAnyOrder("README.txt", "SHA256SUMS", "SHA256SUMS.sig",
                "audit-signer.cert.pem", "ca-bundle.pem", "mqtt.example.com.cert.pem", "mqtt.example.com.chain.pem",
                "mqtt.example.com.mosquitto.conf", "mqtt.example.com.thingsboard.conf", "root-ca.cert.pem",
                "sensor-7-2.amqtt-client.yaml", "sensor-7-2.cert.pem", "sensor-7-2.chain.pem",
                "Sensor-7.amqtt-client.yaml", "Sensor-7.cert.pem", "Sensor-7.chain.pem");
        Tool sums = Tool.run(folder, "sha256sum", "-c", "SHA256SUMS");
        assertOk(sums);
        assertThat(sums.output()).contains("ca-bundle.pem: OK").doesNotContain("FAILED");
        assertOk(Tool.run(folder, "sh", "-c",
                "openssl x509 -in audit-signer.cert.pem -pubkey -noout > /tmp/ceremony-export-audit.pub.pem"));
        Tool signature = Tool.run(folder, "openssl", "dgst", "-sha256", "-verify", "/tmp/ceremony-export-audit.pub.pem",
                "-signature", "SHA256SUMS.sig", "SHA256SUMS");
        assertOk(signature);
        assertThat(signature.output()).contains("Verified OK");
        assertOk(Tool.run(folder, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem",
                "audit-signer.cert.pem"));
        assertOk(Tool.run(folder, "openssl", "verify", "-x509_strict", "-CAfile", "ca-bundle.pem", "-untrusted",
                "mqtt.example.com.chain.pem", "-purpose", "sslserver", "mqtt.example.com.cert.pem"));
        assertOk(Tool.run(folder, "openssl", "verify", "-x509_strict", "-CAfile", "ca-bundle.pem", "-untrusted",
                "sensor-7-2.chain.pem", "-purpose", "sslclient", "sensor-7-2.cert.pem"));
        assertThat(Files.readString(folder.resolve("mqtt.example.com.mosquitto.conf")))
                .contains("certfile /etc/mosquitto/certs/mqtt.example.com.chain.pem")
                .contains("cafile /etc/mosquitto/certs/ca-bundle.pem").contains("keyfile ");
        assertThat(Files.readString(folder.resolve("mqtt.example.com.thingsboard.conf")))
                .contains("MQTT_SSL_PEM_KEY=/opt/ssl-certs/mqtt/mqtt.example.com.key.pem")
                .contains("MQTT_SSL_SKIP_VALIDITY_CHECK_FOR_CLIENT_CERT=false");
        assertThat(Files.readString(folder.resolve("Sensor-7.amqtt-client.yaml"))).contains("client_id: Sensor-7");
        assertThat(Files.readString(folder.resolve("README.txt"))).contains("sha256sum -c SHA256SUMS")
                .contains("openssl dgst -sha256 -verify");
        assertThatThrownBy(() -> new Exporter(DurableFiles::createNew).export(medium, "ceremony-2026-11-22", plan(5000),
                signer, log)).hasMessageContaining("never overwrites an export");
    }

    /** What kill -9 does to a write: the file was created, none of its bytes reached it. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"SHA256SUMS", "SHA256SUMS.sig", ".SHA256SUMS.partial"})
    void killedWhileCommitting_leavesAFolderWithoutSha256sums_neverAnEmptyFileInAFinishedOne(String killedAt)
            throws Exception {
        Path medium = Files.createDirectories(dir.resolve("killed-at" + killedAt));
        Exporter.FileWriter dying = (target, content) -> {
            if (target.getFileName().toString().equals(killedAt)) {
                Files.createFile(target);
                throw new Killed();
            }
            DurableFiles.createUnsynced(target, content);
        };
        try {
            new Exporter(dying).export(medium, "export", plan(5000), signer, log);
        } catch (Killed expected) {
            // the state a kill at this file leaves is what is checked below
        }

        Path folder = medium.resolve("export");
        if (Files.exists(folder.resolve("SHA256SUMS"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("a finished export")
                        .contains(folder.resolve("SHA256SUMS.sig"))
                        .allSatisfy(file -> assertThat(Files.size(file)).as(file + " is not empty").isPositive());
            }
            assertOk(Tool.run(folder, "sha256sum", "-c", "--quiet", "SHA256SUMS"));
        }
    }

    @Test
    void aFullMedium_stopsWithTheFileNamed_leavesNoPartialFile_andTheRetryElsewhereGivesTheSameBytes()
            throws Exception {
        Path small = Files.createDirectories(dir.resolve("small-usb"));
        boolean tmpfs = Tool.run(dir, "mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", small.toString()).exitCode() == 0;
        Exporter.FileWriter writer = DurableFiles::createUnsynced;
        if (!tmpfs) {
            AtomicInteger written = new AtomicInteger();
            writer = (target, content) -> {
                if (written.incrementAndGet() > 4) {
                    throw new IOException("No space left on device");
                }
                DurableFiles.createUnsynced(target, content);
            };
        }
        System.out.println("full-medium test uses " + (tmpfs ? "a 12 KiB tmpfs mount" : "the fault-injection seam"));
        try {
            Exporter.FileWriter fill = writer;
            assertThatThrownBy(() -> new Exporter(fill).export(small, "full", plan(5000), signer, log))
                    .isInstanceOf(MediaException.class).hasMessageContaining("No space left on device")
                    .hasMessageContaining(small.resolve("full").toString()).hasMessageContaining("Export again");
            try (Stream<Path> left = Files.walk(small.resolve("full"))) {
                List<Path> files = left.filter(Files::isRegularFile).toList();
                assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"))
                        .noneMatch(p -> p.getFileName().toString().equals("SHA256SUMS"));
                for (Path file : files) {
                    ExportFile planned = plan(5000).stream().filter(f -> file.endsWith(f.path())).findFirst().orElseThrow();
                    assertThat(Files.readAllBytes(file)).as("complete, never partial").isEqualTo(planned.content());
                }
            }
        } finally {
            if (tmpfs) {
                Tool.run(dir, "umount", small.toString());
            }
        }
        assertThat(Files.readAllLines(dir.resolve("export-audit.jsonl"))).anyMatch(line -> line.contains("export-failed"));

        Path first = Files.createDirectories(dir.resolve("retry-a"));
        Path second = Files.createDirectories(dir.resolve("retry-b"));
        ExportReceipt a = new Exporter(DurableFiles::createNew).export(first, "again", plan(5000), signer, log);
        ExportReceipt b = new Exporter(DurableFiles::createNew).export(second, "again", plan(5000), signer, log);
        assertThat(Files.readAllBytes(b.folder().resolve("Sensor-7.chain.pem")))
                .isEqualTo(Files.readAllBytes(a.folder().resolve("Sensor-7.chain.pem")));
        assertThat(b.sumsSha256()).isEqualTo(a.sumsSha256());
        assertThat(Files.readAllBytes(b.folder().resolve("SHA256SUMS.sig")))
                .as("a fresh ECDSA signature").isNotEqualTo(Files.readAllBytes(a.folder().resolve("SHA256SUMS.sig")));
    }

    @Test
    void anExportRepeatedFromTheRecords_givesTheSameCertificateBytes() throws Exception {
        List<ExportPlan.Leaf> fromRecords = leaves.stream().map(leaf -> new ExportPlan.Leaf(
                pki.records.certificate(dev.ceremony.pki.KeyIds.issuerKeyId(leaf.certificate()),
                        leaf.certificate().getSerialNumber()).orElseThrow(), leaf.intermediates(), leaf.kind())).toList();
        Path first = Files.createDirectories(dir.resolve("records-a"));
        Path second = Files.createDirectories(dir.resolve("records-b"));

        ExportReceipt original = new Exporter(DurableFiles::createNew).export(first, "x", plan(5000), signer, log);
        ExportReceipt repeated = new Exporter(DurableFiles::createNew).export(second, "x",
                ExportPlan.files(pki.root, auditCertificate, fromRecords, "fleet.example.com", 5000), signer, log);

        assertThat(repeated.sumsSha256()).as("every exported byte the same").isEqualTo(original.sumsSha256());
    }

    @Test
    void largeBatches_areSplitIntoFoldersOfLimitedSize() throws Exception {
        Path medium = Files.createDirectories(dir.resolve("split-usb"));

        ExportReceipt result = new Exporter(DurableFiles::createNew).export(medium, "split", plan(6), signer, log);

        try (Stream<Path> folders = Files.list(result.folder())) {
            assertThat(folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("a server's 4 files, then two devices' 3 each, in folders of at most 6")
                    .containsExactlyInAnyOrder("part-0001", "part-0002");
        }
        for (String part : List.of("part-0001", "part-0002")) {
            try (Stream<Path> files = Files.list(result.folder().resolve(part))) {
                assertThat(files.count()).isLessThanOrEqualTo(6);
            }
        }
        assertOk(Tool.run(result.folder(), "sha256sum", "-c", "--quiet", "SHA256SUMS"));
        List<String> types = Files.readAllLines(dir.resolve("export-audit.jsonl")).stream()
                .map(line -> AuditEntry.parse(line).type()).toList();
        assertThat(types).contains("export-written");
    }

    @Test
    void namesAreUniqueEvenWhenCaseIsIgnored() {
        FileNames names = new FileNames();

        assertThat(names.unique("Sensor-7")).isEqualTo("Sensor-7");
        assertThat(names.unique("sensor-7")).isEqualTo("sensor-7-2");
        assertThat(names.unique("../../etc/passwd")).isEqualTo("etc_passwd");
        assertThat(names.unique("*.example.com")).isEqualTo("example.com");
        assertThat(FileNames.isSafe(".hidden")).isFalse();
    }
}
