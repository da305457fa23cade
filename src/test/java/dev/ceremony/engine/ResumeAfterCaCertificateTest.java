package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.testing.ChildJvm;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ceremony killed after it stored its own CA certificate resumes under the plan it started
 * with: the plan is resolved against the CAs of earlier ceremonies only, so the certificate the
 * interrupted run put into the records changes neither the plan nor its hash, and the hash the
 * officers approved is still the one the resume is held to.
 */
@SoftHsm
class ResumeAfterCaCertificateTest {

    private static final Pattern PLAN_HASH = Pattern.compile("Plan SHA-256 ([0-9a-f]{64})");

    @TempDir
    Path dir;

    private Path config;
    private Map<String, String> environment;
    private TestCli cli;

    private List<String> args(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", dir.resolve("usb").toString(), "--config", config.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private String planHash(String script, List<String> parameters) {
        List<String> args = new ArrayList<>(List.of("run", script, "--plan", "--config", config.toString()));
        args.addAll(parameters);
        TestCli.Result plan = cli.run(args.toArray(String[]::new));
        assertThat(plan.status()).as(plan.all()).isZero();
        Matcher matcher = PLAN_HASH.matcher(plan.out());
        assertThat(matcher.find()).as(plan.out()).isTrue();
        return matcher.group(1);
    }

    /** Runs the ceremony in a child JVM and kills it (SIGKILL) once it prints {@code marker}. */
    private void killAt(String marker, List<String> args) throws Exception {
        ChildJvm.killAt(environment, marker, args);
    }

    private TestCli.Result ok(List<String> args) {
        TestCli.Result result = cli.run(args.toArray(String[]::new));
        assertThat(result.status()).as(result.all()).isZero();
        return result;
    }

    private List<String> log(String type) throws Exception {
        return Files.readAllLines(dir.resolve("appliance/records/audit.jsonl")).stream()
                .filter(line -> line.contains("\"type\":\"" + type + "\"")).toList();
    }

    @Test
    void ceremoniesKilledAfterStoringTheirCaCertificate_resumeUnderTheApprovedPlan(TestToken testToken)
            throws Exception {
        config = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        Files.createDirectories(dir.resolve("usb"));
        environment = Map.of("CEREMONY_PIN", testToken.userPin(), "CEREMONY_DEBUG_LOG", dir.resolve("debug.log")
                .toString());
        cli = new TestCli(dir, environment);
        ok(args("root-ca"));
        List<String> server = List.of("--param", "ca=server-ca", "--param", "common-name=Resume Server CA",
                "--param", "permitted-dns=example.com");
        ok(args("intermediate-ca", server.toArray(String[]::new)));

        // The device CA: killed at the export, after its certificate is in the records.
        List<String> device = List.of("--param", "ca=device-ca", "--param", "common-name=Resume Device CA");
        String approved = planHash("intermediate-ca", device);
        List<String> deviceRun = new ArrayList<>(args("intermediate-ca", device.toArray(String[]::new)));
        deviceRun.addAll(List.of("--approved-plan", approved));
        killAt("Step 4 of 5", deviceRun);
        assertThat(dir.resolve("appliance/records/ca")).isDirectoryRecursivelyContaining("glob:**device-ca*");
        assertThat(planHash("intermediate-ca", device)).as("the plan does not read the ceremony's own CA back")
                .isEqualTo(approved);
        TestCli.Result resumed = ok(deviceRun);
        assertThat(resumed.out()).contains("Resuming ceremony intermediate-ca-")
                .contains("sign: completed in the interrupted run");
        assertThat(log(AuditTypes.CEREMONY_RESUMED)).singleElement().asString()
                .contains("\"plan-sha256\":\"" + approved + "\"");

        // The rotation: killed after the new generation's certificate and the rotation plan.
        List<String> rotation = List.of("--param", "ca=server-ca", "--param", "common-name=Resume Server CA 2",
                "--param", "generation=2");
        String rotationPlan = planHash("intermediate-rotation", rotation);
        List<String> rotationRun = new ArrayList<>(args("intermediate-rotation", rotation.toArray(String[]::new)));
        rotationRun.addAll(List.of("--approved-plan", rotationPlan));
        killAt("Step 5 of 6", rotationRun);
        assertThat(planHash("intermediate-rotation", rotation)).isEqualTo(rotationPlan);
        TestCli.Result rotated = ok(rotationRun);
        assertThat(rotated.out()).contains("sign: completed in the interrupted run")
                .contains("plan: completed in the interrupted run");
        assertThat(log(AuditTypes.CA_CERTIFICATE_STORED)).as("root, audit signer, server-ca, device-ca, server-ca-2; "
                + "each once").hasSize(5);

        TestCli.Result audit = cli.run("audit", "verify", dir.resolve("appliance/records/audit.jsonl").toString());
        assertThat(audit.status()).as(audit.all()).isZero();
    }
}
