package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rotated intermediate keeps the name constraints of the one it replaces: on a rehearsal
 * SoftHSM2 token, a server CA constrained to example.com is rotated without naming its
 * constraints, and the new server CA then refuses a broker request for an IP address and one for
 * a name outside example.com (which the request policy alone would accept).
 */
@SoftHsm
class RotationKeepsNameConstraintsTest {

    @TempDir
    Path dir;

    private TestCli cli;
    private Path config;
    private Path out;

    private TestCli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    private TestCli.Result batch(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", out.toString()));
        args.addAll(List.of(more));
        TestCli.Result result = run(args.toArray(String[]::new));
        assertThat(result.status()).as(script + ":\n" + result.all()).isZero();
        return result;
    }

    private Path csr(Path folder, String name, String subject, String sans) throws IOException {
        Files.createDirectories(folder);
        Tool made = Tool.run(dir, "openssl", "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-keyout", dir.resolve(name + ".key.pem").toString(), "-out",
                folder.resolve(name + ".csr").toString(), "-subj", subject, "-addext", "subjectAltName=" + sans);
        assertThat(made.exitCode()).as(made.toString()).isZero();
        return folder;
    }

    /** The newest export folder of a ceremony script. */
    private Path export(String script) throws IOException {
        try (Stream<Path> folders = Files.list(out)) {
            return folders.filter(f -> f.getFileName().toString().startsWith(script + "-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void aRotationWithoutConstraintParameters_keepsTheConstraints_soTheNewServerCaRefusesIpAndOutsideNames(
            TestToken testToken) throws Exception {
        Path written = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:",
                "  allow-network: true"));
        // The request policy accepts example.net too: only the server CA's constraints keep it out.
        Files.writeString(written, Files.readString(written).replace("permitted-domains: [example.com]",
                "permitted-domains: [example.com, example.net]"));
        config = written;
        cli = new TestCli(dir, Map.of("CEREMONY_PIN", testToken.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        out = Files.createDirectories(dir.resolve("usb-export"));
        batch("root-ca", "--param", "root-common-name=Rotation Root");
        batch("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Rotation Server CA 2026",
                "--param", "permitted-dns=example.com");

        TestCli.Result plan = run("run", "intermediate-rotation", "--plan", "--param", "ca=server-ca", "--param",
                "common-name=Rotation Server CA 2027", "--param", "generation=2");
        assertThat(plan.status()).as(plan.all()).isZero();
        assertThat(plan.out().replaceAll("\\s+", " ")).contains("name constraints: carried over unchanged from "
                + "server-ca: DNS under example.com; no IP address").contains("name constr. permitted DNS:example.com");
        batch("intermediate-rotation", "--param", "ca=server-ca", "--param", "common-name=Rotation Server CA 2027",
                "--param", "generation=2");
        Tool constraints = Tool.run(dir, "openssl", "x509", "-in", dir.resolve("appliance/records/ca/server-ca-2.cert.pem")
                .toString(), "-noout", "-ext", "nameConstraints");
        assertThat(constraints.output()).as(constraints.toString()).contains("DNS:example.com")
                .contains("IP:0.0.0.0/0.0.0.0");

        Path requests = csr(dir.resolve("import"), "by-ip", "/CN=mqtt.example.com",
                "DNS:mqtt.example.com,IP:192.0.2.10");
        csr(requests, "outside", "/CN=mqtt.example.net", "DNS:mqtt.example.net");
        csr(requests, "inside", "/CN=mqtt3.example.com", "DNS:mqtt3.example.com");
        TestCli.Result signing = batch("sign-csrs", "--import", requests.toString(), "--param", "profile=mqtt-server",
                "--param", "issuer=server-ca");

        String said = signing.out().replaceAll("\\s+", " ");
        // The review judges the issuer's constraints as the signing does: both requests are refused there.
        assertThat(said).contains("1 accepted, 2 refused").contains("[name-constraints]")
                .contains("Signed 1 certificate(s) with C=DE,O=Ceremony Test Org,CN=Rotation Server CA 2027");
        Path signed = export("sign-csrs");
        assertThat(signed.resolve("mqtt3.example.com.cert.pem")).exists();
        assertThat(signed.resolve("mqtt.example.com.cert.pem")).doesNotExist();
        assertThat(signed.resolve("mqtt.example.net.cert.pem")).doesNotExist();
        assertThat(Tool.run(signed, "openssl", "x509", "-in", "mqtt3.example.com.cert.pem", "-noout", "-issuer")
                .output()).as("the new generation issued").contains("Rotation Server CA 2027");

        TestCli.Result changed = run("run", "intermediate-rotation", "--plan", "--param", "ca=server-ca", "--param",
                "common-name=Rotation Server CA 2028", "--param", "generation=3", "--param",
                "permitted-dns=example.net");
        assertThat(changed.out().replaceAll("\\s+", " ")).contains("name constraints CHANGED by the script's "
                + "parameters (server-ca-2 is replaced by server-ca-3)");
        assertThat(changed.out()).as("an explicit change is shown beside the constraints it replaces")
                .containsPattern("server-ca-2 \\(now\\): DNS under +\\| server-ca-3 \\(new\\): DNS under")
                .containsPattern("example\\.com; no IP address +\\| example\\.net; no IP address");
        TestCli.Result dropped = run("run", "intermediate-rotation", "--plan", "--param", "ca=server-ca", "--param",
                "common-name=Rotation Server CA 2028", "--param", "generation=3", "--param", "permitted-dns=none");
        assertThat(dropped.out()).contains("| server-ca-3 (new): none, any name");
    }
}
