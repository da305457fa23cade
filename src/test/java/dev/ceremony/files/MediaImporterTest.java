package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditEntry;
import dev.ceremony.media.ImportLimits;
import dev.ceremony.media.ImportVerdict;
import dev.ceremony.media.MediaException;
import dev.ceremony.testing.Tool;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile import media: each trick refused with its own verdict, the good files imported, the medium untouched. */
class MediaImporterTest {

    @TempDir
    Path dir;

    private Path medium;
    private Path quarantine;
    private AuditLogFile log;

    @BeforeEach
    void setUp() throws Exception {
        medium = Files.createDirectories(dir.resolve("usb"));
        quarantine = dir.resolve("records/quarantine");
        KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(256);
        log = AuditLogFile.create(dir.resolve("audit.jsonl"), Clock.systemUTC(), "import-test",
                keys.generateKeyPair().getPublic().getEncoded(), Map.of());
    }

    private Map<String, String> snapshot() throws Exception {
        try (Stream<Path> paths = Files.walk(medium)) {
            return paths.collect(Collectors.toMap(Path::toString, path -> {
                try {
                    return Files.readAttributes(path, "unix:mode,size,lastModifiedTime,ino", LinkOption.NOFOLLOW_LINKS)
                            .toString();
                } catch (Exception e) {
                    return e.toString();
                }
            }, (a, b) -> a, TreeMap::new));
        }
    }

    private static Map<String, String> rules(List<ImportVerdict> verdicts) {
        return verdicts.stream().collect(Collectors.toMap(ImportVerdict::name,
                v -> v.rule().orElse("imported"), (a, b) -> a, TreeMap::new));
    }

    @Test
    void hostileMedium_everyTrickIsRefused_theGoodFilesAreImported_andTheMediumIsUntouched() throws Exception {
        Files.writeString(medium.resolve("a-device.csr"), "request a");
        Files.writeString(medium.resolve("b-server.pem"), "request b");
        Files.write(medium.resolve("c-device.der"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        Files.writeString(medium.resolve("d-late.req"), "request d");
        Files.createSymbolicLink(medium.resolve("e-link.csr"), Path.of("/etc/passwd"));
        Files.writeString(medium.resolve("f-original.csr"), "linked");
        Files.createLink(medium.resolve("f-twin.csr"), medium.resolve("f-original.csr"));
        assertThat(Tool.run(medium, "mkfifo", "g-pipe.csr").exitCode()).isZero();
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(medium.resolve("h-socket.csr")));
        }
        boolean device = Tool.run(medium, "mknod", "i-device.csr", "c", "1", "3").exitCode() == 0;
        Files.writeString(medium.resolve("j-bell\u0007.csr"), "control");
        Files.writeString(medium.resolve(".k-hidden.csr"), "hidden");
        Files.writeString(medium.resolve("l-back\\slash.csr"), "separator");
        Files.writeString(medium.resolve("m-notes.txt"), "not a request");
        Files.write(medium.resolve("n-big.csr"), new byte[70 * 1024]);
        Files.createDirectory(medium.resolve("o-folder.csr"));
        Map<String, String> before = snapshot();

        List<ImportVerdict> verdicts = new MediaImporter(new ImportLimits(3, 1_000_000, ImportLimits.MAX_FILE_BYTES))
                .importFrom(medium, quarantine, "import-1", log);

        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("a-device.csr", "imported"), Map.entry("b-server.pem", "imported"),
                Map.entry("c-device.der", "imported"), Map.entry("d-late.req", "too-many"),
                Map.entry("e-link.csr", "symlink"), Map.entry("f-original.csr", "hard-link"),
                Map.entry("f-twin.csr", "hard-link"), Map.entry("g-pipe.csr", "special-file"),
                Map.entry("h-socket.csr", "special-file"), Map.entry("j-bell\\u0007.csr", "name-control"),
                Map.entry(".k-hidden.csr", "name-hidden"), Map.entry("l-back\\\\slash.csr", "name-separator"),
                Map.entry("m-notes.txt", "not-a-request"), Map.entry("n-big.csr", "too-large"),
                Map.entry("o-folder.csr", "directory")));
        if (device) {
            expected.put("i-device.csr", "special-file");
        }
        assertThat(rules(verdicts)).isEqualTo(expected);
        assertThat(verdicts).filteredOn(v -> v.name().equals("g-pipe.csr")).singleElement()
                .extracting(v -> v.reason().orElseThrow()).asString().contains("FIFO");
        assertThat(snapshot()).as("the medium is only read").isEqualTo(before);
        try (Stream<Path> copies = Files.walk(quarantine)) {
            assertThat(copies.filter(Files::isRegularFile).map(p -> quarantine.relativize(p).toString()))
                    .containsExactlyInAnyOrder("import-1/a-device.csr", "import-1/b-server.pem", "import-1/c-device.der");
        }
        assertThat(Files.readString(quarantine.resolve("import-1/a-device.csr"))).isEqualTo("request a");
        log.close();
        List<AuditEntry> records = Files.readAllLines(dir.resolve("audit.jsonl")).stream().map(AuditEntry::parse).toList();
        assertThat(records).filteredOn(e -> e.type().equals("media-file-imported")).hasSize(3)
                .anySatisfy(e -> assertThat(e.dataText("sha256"))
                        .isEqualTo(AuditChain.sha256Bytes("request a".getBytes(StandardCharsets.UTF_8))));
        assertThat(records).filteredOn(e -> e.type().equals("media-file-refused")).hasSize(verdicts.size() - 3);
    }

    @Test
    void filesPastTheTotalSize_areRefused_andSmallerOnesStillFit() throws Exception {
        Files.write(medium.resolve("a.csr"), new byte[600]);
        Files.write(medium.resolve("b.csr"), new byte[600]);
        Files.write(medium.resolve("c.csr"), new byte[300]);

        List<ImportVerdict> verdicts = new MediaImporter(new ImportLimits(100, 1000, ImportLimits.MAX_FILE_BYTES))
                .importFrom(medium, quarantine, "total", log);

        assertThat(rules(verdicts)).isEqualTo(new TreeMap<>(Map.of("a.csr", "imported", "b.csr", "too-much",
                "c.csr", "imported")));
        log.close();
    }

    @Test
    void anUnreadableFile_isRefused_andTheRestGoesOn() throws Exception {
        Files.writeString(medium.resolve("a-good.csr"), "good");
        Path broken = Files.writeString(medium.resolve("b-broken.csr"), "");
        // Root reads everything, so unreadable is made with a bind mount of a dead process's memory
        // file: a regular file with one link whose read fails ("No such process").
        boolean mounted = Tool.run(dir, "mount", "--bind", "/proc/self/mem", broken.toString()).exitCode() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "bind mounts are not allowed here");
        try {
            List<ImportVerdict> verdicts = new MediaImporter(ImportLimits.DEFAULT).importFrom(medium, quarantine,
                    "unreadable", log);

            assertThat(rules(verdicts)).isEqualTo(new TreeMap<>(Map.of("a-good.csr", "imported", "b-broken.csr",
                    "unreadable")));
            assertThat(verdicts.get(1).reason().orElseThrow()).startsWith("it cannot be read: ");
        } finally {
            Tool.run(dir, "umount", broken.toString());
            log.close();
        }
    }

    @Test
    void sha256sumsOnTheMedium_isChecked_andUnlistedOrMissingFilesAreReported() throws Exception {
        Files.writeString(medium.resolve("x.csr"), "x");
        Files.writeString(medium.resolve("y.csr"), "y");
        Files.writeString(medium.resolve("z.csr"), "z");
        Files.writeString(medium.resolve("SHA256SUMS"),
                AuditChain.sha256Bytes("x".getBytes()) + "  x.csr\n"
                        + AuditChain.sha256Bytes("not y".getBytes()) + "  y.csr\n"
                        + AuditChain.sha256Bytes("w".getBytes()) + "  w.csr\n");

        List<ImportVerdict> verdicts = new MediaImporter(ImportLimits.DEFAULT).importFrom(medium, quarantine, "sums", log);

        assertThat(rules(verdicts)).isEqualTo(new TreeMap<>(Map.of("x.csr", "imported", "y.csr", "checksum-mismatch",
                "z.csr", "not-listed", "w.csr", "listed-missing")));
        log.close();
    }

    @Test
    void damagedSums_theRecordsMedium_andAReusedQuarantine_areRefusedWhole() throws Exception {
        Files.writeString(medium.resolve("SHA256SUMS"), "this is not a checksum line\n");
        MediaImporter importer = new MediaImporter(ImportLimits.DEFAULT);

        assertThatThrownBy(() -> importer.importFrom(medium, quarantine, "bad-sums", log))
                .isInstanceOf(MediaException.class).hasMessageContaining("line 1 is not '<sha256>  <name>'");
        assertThatThrownBy(() -> importer.importFrom(dir.resolve("records"), quarantine, "self", log))
                .isInstanceOf(MediaException.class).hasMessageContaining("never used for import");
        Files.delete(medium.resolve("SHA256SUMS"));
        importer.importFrom(medium, quarantine, "once", log);
        assertThatThrownBy(() -> importer.importFrom(medium, quarantine, "once", log))
                .isInstanceOf(MediaException.class).hasMessageContaining("cannot create the quarantine folder");
        log.close();
    }
}
