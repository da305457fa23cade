package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ceremony an earlier version left unfinished started under a plan whose text this version
 * writes differently (its first record has no plan format): it resumes when the script and every
 * parameter are the same, and says so; another parameter or another script is refused, naming the
 * difference, and nothing is written. The plan the officers approved for it is still accepted, as
 * typed from the signed plan (upper case, in groups).
 */
@SoftHsm
class ResumeEarlierPlanFormatTest {

    /** The plan an earlier version (release f8ac22f) wrote for sign-csrs of mqtt-server by server-ca. */
    private static final String EARLIER_PLAN = "57dd02d4fa2a5c73ec2ef56dd3c2fe26a267da6982b5ebf76624ec9d78561e68";

    private static final String CEREMONY = "sign-csrs-20261205T195545Z";

    @TempDir
    Path dir;

    private Path config;
    private TestCli cli;
    private TestToken testToken;

    private Path log() {
        return dir.resolve("appliance/records/audit.jsonl");
    }

    private TestCli.Result run(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", dir.resolve("usb").toString(), "--config", config.toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private TestCli.Result ok(String script, String... more) {
        TestCli.Result result = run(script, more);
        assertThat(result.status()).as(result.all()).isZero();
        return result;
    }

    /** Appends and seals a sign-csrs start as the earlier version wrote it: no plan-format. */
    private void startAsEarlierVersion(String scriptSha256) {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("script", "sign-csrs");
        start.put("script-sha256", scriptSha256);
        start.put("plan-sha256", EARLIER_PLAN);
        start.put("approved-plan", true);
        start.put("mode", "batch");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("profile", "mqtt-server");
        parameters.put("issuer", "server-ca");
        start.put("parameters", parameters);
        try (Token token = testToken.openLoggedIn()) {
            AuditLogFile audit = AuditLogFile.open(log(), Clock.systemUTC());
            try {
                audit.startCeremony(CEREMONY, start);
                audit.seal(new TokenSealSigner(token, token.requireKey(new KeyLabel("audit-signer")),
                        TestHierarchy.BC));
            } finally {
                audit.close();
            }
        }
    }

    private String scriptSha256() {
        TestCli.Result plan = cli.run("run", "sign-csrs", "--plan", "--config", config.toString(), "--param",
                "profile=mqtt-server", "--param", "issuer=server-ca");
        Matcher sha = Pattern.compile("Script SHA-256 +([0-9a-f]{64})").matcher(plan.out());
        assertThat(sha.find()).as(plan.all()).isTrue();
        return sha.group(1);
    }

    private static String grouped(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(hex, i, i + 4);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    @Test
    void anEarlierVersionsUnfinishedCeremony_resumesWithTheSameScriptAndParametersOnly(TestToken token)
            throws Exception {
        testToken = token;
        config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        Files.createDirectories(dir.resolve("usb"));
        cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        ok("root-ca");
        ok("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Earlier Server CA", "--param",
                "permitted-dns=example.com");
        Path requests = Files.createDirectories(dir.resolve("requests"));
        for (String host : List.of("broker1", "broker2")) {
            assertThat(Tool.run(requests, "openssl", "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-keyout", dir.resolve(host + ".key").toString(), "-out", host + ".csr",
                    "-subj", "/CN=" + host + ".example.com", "-addext", "subjectAltName=DNS:" + host + ".example.com")
                    .exitCode()).isZero();
        }
        String[] same = {"--import", requests.toString(), "--param", "profile=mqtt-server", "--param",
                "issuer=server-ca"};

        // Started by an earlier version with another version of the script: refused, and aborted.
        startAsEarlierVersion("0".repeat(64));
        long lines = Files.readAllLines(log()).size();
        TestCli.Result otherScript = run("sign-csrs", same);
        assertThat(otherScript.status()).as(otherScript.all()).isEqualTo(1);
        assertThat(otherScript.all().replaceAll("\\s+", " ")).contains("it was started with another version of the "
                + "script sign-csrs (script SHA-256 " + "0".repeat(64));
        assertThat(Files.readAllLines(log())).as("a refused resume writes nothing").hasSize((int) lines);
        TestCli.Result aborted = cli.run("run", "sign-csrs", "--abort", "started with another script", "--operator",
                "Alice Admin", "--config", config.toString());
        assertThat(aborted.status()).as(aborted.all()).isZero();

        // Started with this script: another parameter is named, with the value it started with (before
        // the approved plan is compared).
        startAsEarlierVersion(scriptSha256());
        lines = Files.readAllLines(log()).size();
        TestCli.Result otherProfile = run("sign-csrs", "--import", requests.toString(), "--param",
                "profile=mqtt-device", "--param", "issuer=server-ca", "--approved-plan", "ab".repeat(32));
        assertThat(otherProfile.status()).as(otherProfile.all()).isEqualTo(1);
        assertThat(otherProfile.all().replaceAll("\\s+", " ")).contains("parameter 'profile' was 'mqtt-server' when "
                + "it started and is 'mqtt-device' in this run").contains("--param profile=mqtt-server")
                .doesNotContain("parameter 'issuer'");
        TestCli.Result otherApproval = run("sign-csrs", append(same, "--approved-plan", "ab".repeat(32)));
        assertThat(otherApproval.status()).as(otherApproval.all()).isEqualTo(1);
        assertThat(otherApproval.all().replaceAll("\\s+", " ")).contains("is neither the plan ceremony " + CEREMONY
                + " started under (" + EARLIER_PLAN + ") nor this run's plan");
        assertThat(Files.readAllLines(log())).as("a refused resume writes nothing").hasSize((int) lines);

        // The same script and parameters, and the plan approved for it as printed then: resumed.
        TestCli.Result resumed = run("sign-csrs", append(same, "--approved-plan", grouped(EARLIER_PLAN)));
        assertThat(resumed.status()).as(resumed.all()).isZero();
        assertThat(resumed.out().replaceAll("\\s+", " ")).contains("started under plan " + EARLIER_PLAN
                + ", whose text an earlier version of this program wrote")
                .contains("The script and the parameters are the same, so it resumes.")
                .contains("Resuming ceremony " + CEREMONY).contains("Ceremony " + CEREMONY + " completed");
        List<String> resumeRecords = Files.readAllLines(log()).stream()
                .filter(line -> line.contains("\"type\":\"" + AuditTypes.CEREMONY_RESUMED + "\"")).toList();
        assertThat(resumeRecords).singleElement().asString().contains("\"plan-match\":\"earlier-plan-format\"")
                .contains("\"started-under-plan-sha256\":\"" + EARLIER_PLAN + "\"").contains("\"plan-format\":"
                        + PlanWriter.FORMAT);
        assertThat(Files.readAllLines(log()).stream().filter(line -> line.contains("\"type\":\""
                + AuditTypes.CERTIFICATE_ISSUED + "\"") && line.contains("\"profile\":\"mqtt-server\""))).hasSize(2);

        // This version's ceremonies record the plan format they started under.
        assertThat(Files.readAllLines(log()).stream().filter(line -> line.contains("\"type\":\""
                + AuditTypes.CEREMONY_START + "\"") && line.contains("\"script\":\"intermediate-ca\"")))
                .singleElement().asString().contains("\"plan-format\":" + PlanWriter.FORMAT);

        TestCli.Result audit = cli.run("audit", "verify", log().toString());
        assertThat(audit.status()).as(audit.all()).isZero();
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
