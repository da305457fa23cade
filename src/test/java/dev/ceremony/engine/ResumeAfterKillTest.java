package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.testing.ChildJvm;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.Token;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ceremony killed with kill -9 at a chosen step resumes after its last completed step when it
 * is run again: no second key, no certificate issued twice, and a log that verifies.
 */
@SoftHsm
class ResumeAfterKillTest {

    @TempDir
    Path dir;

    private Path config;
    private Path out;
    private Map<String, String> environment;

    private List<String> args(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", out.toString(), "--config", config.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** Runs the ceremony in a child JVM and kills it (SIGKILL) once it prints {@code marker}. */
    private String killAt(String marker, List<String> args) throws Exception {
        return ChildJvm.killAt(environment, marker, args);
    }

    private long records(String type) throws Exception {
        return Files.readAllLines(dir.resolve("appliance/records/audit.jsonl")).stream()
                .filter(line -> line.contains("\"type\":\"" + type + "\"")).count();
    }

    @Test
    void killedCeremonies_resumeAfterTheirLastCompletedStep(TestToken testToken) throws Exception {
        config = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        out = Files.createDirectories(dir.resolve("usb"));
        environment = Map.of("CEREMONY_PIN", testToken.userPin(), "CEREMONY_DEBUG_LOG", dir.resolve("debug.log")
                .toString());
        TestCli cli = new TestCli(dir, environment);

        killAt("Step 6 of 7", args("root-ca"));
        TestCli.Result resumed = cli.run(args("root-ca").toArray(String[]::new));
        assertThat(resumed.status()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("Resuming ceremony root-ca-")
                .contains("generate-root-key: completed in the interrupted run")
                .contains("completed.");
        assertThat(records(AuditTypes.KEY_GENERATED)).as("the audit key and the root key, once each").isEqualTo(2);
        try (Token token = testToken.openLoggedIn()) {
            assertThat(token.listKeys()).extracting(KeyHandle::label).containsExactlyInAnyOrder("audit-signer",
                    "root-ca");
        }

        TestCli.Result deviceCa = cli.run(args("intermediate-ca", "--param", "ca=device-ca", "--param",
                "common-name=Resume Device CA").toArray(String[]::new));
        assertThat(deviceCa.status()).as(deviceCa.all()).isZero();
        Path requests = Files.createDirectories(dir.resolve("requests"));
        List<String> emptyFirst = args("sign-csrs", "--import", requests.toString(), "--param", "profile=mqtt-device",
                "--param", "issuer=device-ca");
        TestCli.Result wrongStick = cli.run(emptyFirst.toArray(String[]::new));
        assertThat(wrongStick.status()).as("an empty import medium stops the ceremony").isEqualTo(1);
        assertThat(wrongStick.out()).contains("no request was imported");
        for (int i = 1; i <= 20; i++) {
            assertThat(Tool.run(requests, "openssl", "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-keyout", dir.resolve(i + ".key").toString(), "-out", "device-" + i
                            + ".csr", "-subj", "/CN=device-" + i).exitCode()).isZero();
        }
        List<String> sign = args("sign-csrs", "--import", requests.toString(), "--param", "profile=mqtt-device",
                "--param", "issuer=device-ca");
        killAt("Step 4 of 5", sign);
        TestCli.Result signed = cli.run(sign.toArray(String[]::new));
        assertThat(signed.status()).as(signed.all()).isZero();
        assertThat(signed.out()).contains("review: completed in the interrupted run");
        assertThat(Files.readAllLines(dir.resolve("appliance/records/audit.jsonl")).stream()
                .filter(line -> line.contains("\"type\":\"" + AuditTypes.CERTIFICATE_ISSUED + "\"")
                        && line.contains("\"profile\":\"mqtt-device\"")).count())
                .as("each request signed exactly once").isEqualTo(20);
        Path export;
        try (var folders = Files.list(out)) {
            export = folders.filter(f -> f.getFileName().toString().startsWith("sign-csrs-")).findFirst().orElseThrow();
        }
        for (int i = 1; i <= 20; i++) {
            assertThat(export.resolve("device-" + i + ".cert.pem")).as("the export holds all 20").exists();
        }

        // Killed while signing: the chunk's certificates are kept and logged, the step never completed.
        // The resume reads the review's verdicts back from the log and signs none of them twice; a
        // second request for a key already in the batch was refused at the review.
        Path more = Files.createDirectories(dir.resolve("more"));
        for (int i = 21; i <= 25; i++) {
            assertThat(Tool.run(more, "openssl", "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-keyout", dir.resolve(i + ".key").toString(), "-out", "device-" + i
                            + ".csr", "-subj", "/CN=device-" + i).exitCode()).isZero();
        }
        assertThat(Tool.run(more, "openssl", "req", "-new", "-key", dir.resolve("21.key").toString(), "-out",
                "device-26.csr", "-subj", "/CN=device-26").exitCode()).isZero();
        List<String> signMore = args("sign-csrs", "--import", more.toString(), "--param", "profile=mqtt-device",
                "--param", "issuer=device-ca");
        String killed = killAt("  signing: 5 of 5", signMore);
        assertThat(killed).contains("[key-repeated-in-batch]");
        TestCli.Result resumedSigning = cli.run(signMore.toArray(String[]::new));
        assertThat(resumedSigning.status()).as(resumedSigning.all()).isZero();
        assertThat(resumedSigning.out()).as("the kill landed before the step's record was synced, or after it")
                .containsAnyOf("5 reviewed request(s) were signed by the interrupted run", "sign: completed in the "
                        + "interrupted run");
        assertThat(Files.readAllLines(dir.resolve("appliance/records/audit.jsonl")).stream()
                .filter(line -> line.contains("\"type\":\"" + AuditTypes.CERTIFICATE_ISSUED + "\"")
                        && line.contains("\"profile\":\"mqtt-device\"")).count())
                .as("each request signed exactly once, the repeated key never").isEqualTo(25);

        TestCli.Result audit = cli.run("audit", "verify", dir.resolve("appliance/records/audit.jsonl").toString());
        assertThat(audit.status()).as(audit.all()).isZero();
        assertThat(cli.run("status", "--config", config.toString()).out()).contains("Certificates       25 issued");
    }
}
