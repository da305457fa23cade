package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.testing.ChildJvm;
import dev.ceremony.testing.ShownFacts;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ceremony never continues the log past records no seal covers without the people confirming its
 * first step seeing them: a crash's records are shown, confirmed and named in the ceremony's own
 * record, which its first seal then vouches for; a record no run of the program writes where it
 * stands (one appended after a completed, sealed ceremony) stops the next ceremony before it writes
 * anything.
 */
@SoftHsm
class UnsealedTailTest {

    @TempDir
    static Path shared;

    private static TestToken token;
    private static Path rootRecords;

    @TempDir
    Path dir;

    @BeforeAll
    static void rootCeremony(TestToken testToken) throws Exception {
        token = testToken;
        Path config = config(shared);
        TestCli.Result root = cli(shared).run(args(shared, config, "root-ca").toArray(String[]::new));
        assertThat(root.status()).as(root.all()).isZero();
        rootRecords = shared.resolve("appliance/records");
    }

    private static Path config(Path home) throws Exception {
        return token.writeApplianceConfig(home.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
    }

    private static Map<String, String> environment(Path home) {
        return Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG", home.resolve("debug.log").toString());
    }

    private static TestCli cli(Path home) {
        return new TestCli(home, environment(home));
    }

    private static List<String> args(Path home, Path config, String script, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", Files.createDirectories(home.resolve("usb")).toString(), "--config",
                config.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** This test's appliance: its own config and a copy of the records the root ceremony left. */
    private Path applianceWithRoot() throws Exception {
        Path config = config(dir);
        Path records = dir.resolve("appliance/records");
        try (var files = Files.walk(rootRecords)) {
            for (Path file : files.toList()) {
                Path copy = records.resolve(rootRecords.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return config;
    }

    private Path log() {
        return dir.resolve("appliance/records/audit.jsonl");
    }

    private List<AuditEntry> records(String type) throws Exception {
        return Files.readAllLines(log()).stream().map(AuditEntry::parse).filter(e -> e.type().equals(type)).toList();
    }

    /** The log's last record. */
    private AuditEntry lastRecord() throws Exception {
        List<String> lines = Files.readAllLines(log());
        return AuditEntry.parse(lines.get(lines.size() - 1));
    }

    /** A record of {@code type} chained to the log's last line, as anyone who can write the file can make one. */
    private AuditEntry chained(String type, Map<String, Object> data) throws Exception {
        List<String> lines = Files.readAllLines(log());
        String lastLine = lines.get(lines.size() - 1);
        return AuditChain.after(Clock.systemUTC(), AuditEntry.parse(lastLine), AuditChain.sha256(lastLine))
                .next(type, data);
    }

    /** Appends {@link #chained} to the log and returns it. */
    private AuditEntry appendChained(String type, Map<String, Object> data) throws Exception {
        return append(chained(type, data));
    }

    private AuditEntry append(AuditEntry record) throws Exception {
        Files.writeString(log(), record.line() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return record;
    }

    /** The transcript of {@code ceremony}, its runs of blanks (the wrapping) made one space. */
    private String transcript(String ceremony) throws Exception {
        try (var files = Files.list(dir.resolve("appliance/records/transcripts"))) {
            Path transcript = files.filter(f -> f.getFileName().toString().startsWith(ceremony)).findFirst()
                    .orElseThrow();
            return Files.readString(transcript).replaceAll("\\s+", " ");
        }
    }

    @Test
    void aCeremonyKilledMidStep_resumes_showingAndRecordingTheRecordsAfterItsLastSeal() throws Exception {
        Path config = applianceWithRoot();
        List<String> intermediate = args(dir, config, "intermediate-ca", "--param", "ca=device-ca", "--param",
                "common-name=Tail Device CA");
        // Killed once the intermediate's certificate is recorded and synced, before the step's record and seal.
        ChildJvm.killAt(environment(dir), "Issued ", intermediate);
        List<String> killed = Files.readAllLines(log());
        int sealedLines = 0;
        for (int i = 0; i < killed.size(); i++) {
            sealedLines = killed.get(i).contains(AuditEntry.typeField(AuditTypes.SEAL)) ? i + 1 : sealedLines;
        }
        int unsealed = killed.size() - sealedLines;
        Map<String, Integer> types = new java.util.LinkedHashMap<>();
        killed.subList(sealedLines, killed.size()).forEach(line -> types.merge(AuditEntry.parse(line).type(), 1,
                Integer::sum));
        assertThat(types).as("the killed step's records, the certificate among them").containsKeys(
                AuditTypes.STEP_STARTED, AuditTypes.CONFIRMATION, AuditTypes.CA_CERTIFICATE_STORED);

        TestCli.Result resumed = cli(dir).run(intermediate.toArray(String[]::new));

        assertThat(resumed.status()).as(resumed.all()).isZero();
        String ceremony = records(AuditTypes.CEREMONY_RESUMED).get(0).ceremony();
        List<String> counted = new ArrayList<>();
        types.forEach((type, n) -> counted.add(type + " \u00d7" + n));
        String shown = "after the last seal: " + unsealed + " record(s), not authenticated: " + String.join(", ", counted)
                + " (lines " + (sealedLines + 1) + "\u2013" + killed.size() + "), written by " + ceremony;
        assertThat(ShownFacts.newest(log(), "preflight")).contains(shown);
        assertThat(resumed.out()).contains("After the audit log's last seal (line " + sealedLines + "): " + unsealed
                + " record(s)");
        Map<String, Object> resume = records(AuditTypes.CEREMONY_RESUMED).get(0).data();
        assertThat(resume).containsEntry("unsealed-before", (long) unsealed).containsEntry("last-sealed-line", (long) sealedLines)
                .containsEntry("unsealed-ceremonies", List.of(ceremony));
        assertThat(records(AuditTypes.CA_CERTIFICATE_STORED).stream().filter(e -> "device-ca".equals(
                e.data().get("name")))).as("the certificate the killed run issued is kept, not issued again").hasSize(1);
        assertThat(transcript(ceremony)).contains(unsealed + " record(s), not authenticated")
                .contains("RESUMED after an interruption").contains("sealed on resuming: " + unsealed + " record(s) found "
                        + "after the log's last seal (line " + sealedLines + "), not authenticated until then");
        TestCli.Result audit = cli(dir).run("audit", "verify", log().toString());
        assertThat(audit.status()).as(audit.all()).isZero();
        assertThat(audit.out()).contains("acknowledged line " + lineOf(AuditTypes.CEREMONY_RESUMED) + ": ceremony "
                + ceremony + " sealed " + unsealed + " record(s) it found after the seal on line " + sealedLines);
    }

    /** The 1-based line of the first record of {@code type}. */
    private int lineOf(String type) throws Exception {
        List<String> lines = Files.readAllLines(log());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(AuditEntry.typeField(type))) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + type + " record");
    }

    @Test
    void aChainedRecordAppendedAfterACompletedSealedCeremony_stopsTheNextCeremony_namingIt_writingNothing()
            throws Exception {
        Path config = applianceWithRoot();
        List<String> lines = Files.readAllLines(log());
        AuditEntry last = lastRecord();
        appendChained(AuditTypes.CERTIFICATE_ISSUED, Map.of("serial", "0badc0de", "subject", "CN=forged"));
        byte[] before = Files.readAllBytes(log());

        TestCli.Result result = cli(dir).run(args(dir, config, "intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Never Server CA").toArray(String[]::new));

        assertThat(result.status()).as(result.all()).isEqualTo(1);
        assertThat(result.all()).contains("line " + (lines.size() + 1) + ", certificate-issued of ceremony "
                + last.ceremony()).contains("it follows the ceremony's end").contains("ceremony audit verify")
                .contains("Nothing was written");
        assertThat(Files.readAllBytes(log())).as("nothing written").isEqualTo(before);
    }

    @Test
    void chainedRecordsUnderASealThatDoesNotVerify_stopTheNextCeremony_writingNothing() throws Exception {
        Path config = applianceWithRoot();
        List<String> lines = Files.readAllLines(log());
        AuditEntry genuine = lastRecord();
        AuditEntry forged = appendChained(AuditTypes.CERTIFICATE_ISSUED, Map.of("serial", "0badc0de"));
        // A seal that chains, carrying the last genuine seal's signature, which is not over its line.
        AuditEntry seal = new AuditEntry(forged.seq() + 1, AuditChain.sha256(forged.line()), forged.time(),
                forged.ceremony(), AuditTypes.SEAL, genuine.data(), genuine.sig());
        append(seal);
        byte[] before = Files.readAllBytes(log());

        TestCli.Result result = cli(dir).run(args(dir, config, "intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Never Server CA").toArray(String[]::new));

        assertThat(result.status()).as(result.all()).isEqualTo(1);
        assertThat(result.all()).contains("the audit log's last seal (line " + (lines.size() + 2) + ") does not verify: "
                + "the seal's signature does not verify with the audit key").contains("Nothing was written");
        assertThat(Files.readAllBytes(log())).as("nothing written").isEqualTo(before);
    }

    @Test
    void aChainedRecordOfAnotherCeremonyAfterAnUnfinishedOnesRecords_stopsItsResumeAndItsAbort_writingNothing()
            throws Exception {
        Path config = applianceWithRoot();
        // The server CA's CRL stops the renewal: the records hold only the root. The ceremony stays unfinished.
        List<String> renewal = args(dir, config, "crl-renewal");
        TestCli.Result stopped = cli(dir).run(renewal.toArray(String[]::new));
        assertThat(stopped.status()).as(stopped.all()).isEqualTo(1);
        assertThat(stopped.out()).contains("root-crl").contains("stopped");
        List<String> lines = Files.readAllLines(log());
        String root = AuditEntry.parse(lines.get(0)).ceremony();
        AuditEntry last = lastRecord();
        AuditEntry continued = chained(AuditTypes.STEP, Map.of("step", "sign-root", "outcome", "completed"));
        append(new AuditEntry(continued.seq(), continued.prev(), continued.time(), root, continued.type(),
                continued.data(), continued.sig()));
        byte[] before = Files.readAllBytes(log());

        TestCli.Result resume = cli(dir).run(renewal.toArray(String[]::new));
        TestCli.Result abort = cli(dir).run("run", "crl-renewal", "--abort", "forged record", "--operator",
                "Alice Admin", "--config", config.toString());

        for (TestCli.Result result : List.of(resume, abort)) {
            assertThat(result.status()).as(result.all()).isEqualTo(1);
            assertThat(result.all()).contains("line " + (lines.size() + 1) + ", step of ceremony " + root)
                    .contains("it follows ceremony " + last.ceremony() + "'s records without a ceremony-start")
                    .contains("Nothing was written");
        }
        assertThat(Files.readAllBytes(log())).as("nothing written").isEqualTo(before);
    }

    @Test
    void aCeremonyEndWhoseSealWasLost_isShownAndSealedByTheNextCeremony() throws Exception {
        Path config = applianceWithRoot();
        List<String> lines = Files.readAllLines(log());
        assertThat(lines.get(lines.size() - 1)).contains(AuditEntry.typeField(AuditTypes.SEAL));
        assertThat(lines.get(lines.size() - 2)).contains(AuditEntry.typeField(AuditTypes.CEREMONY_END));
        // A power cut as the ceremony's end and its final seal were written: the end reached the disk, the seal not.
        Files.write(log(), (String.join("\n", lines.subList(0, lines.size() - 1)) + "\n")
                .getBytes(StandardCharsets.UTF_8));

        TestCli.Result result = cli(dir).run(args(dir, config, "intermediate-ca", "--param", "ca=server-ca", "--param",
                "common-name=Tail Server CA").toArray(String[]::new));

        assertThat(result.status()).as(result.all()).isZero();
        String root = AuditEntry.parse(lines.get(lines.size() - 2)).ceremony();
        assertThat(ShownFacts.newest(log(), "preflight")).contains("after the last seal: 1 record(s), not "
                + "authenticated: ceremony-end \u00d71 (line " + (lines.size() - 1) + "), written by " + root);
        assertThat(records(AuditTypes.CEREMONY_START).get(0).data()).containsEntry("unsealed-before", 1L)
                .containsEntry("last-sealed-line", (long) lines.size() - 2);
        assertThat(transcript(records(AuditTypes.CEREMONY_START).get(0).ceremony())).contains("Sealed on start 1 "
                + "record(s) found after the log's last seal (line " + (lines.size() - 2) + "), not authenticated until "
                + "then: ceremony-end \u00d71, written by " + root);
        TestCli.Result audit = cli(dir).run("audit", "verify", log().toString());
        assertThat(audit.status()).as(audit.all()).isZero();
        assertThat(audit.out()).contains("acknowledged line " + lineOf(AuditTypes.CEREMONY_START) + ": ceremony "
                + records(AuditTypes.CEREMONY_START).get(0).ceremony() + " sealed 1 record(s) it found after the seal "
                + "on line " + (lines.size() - 2));
    }
}
