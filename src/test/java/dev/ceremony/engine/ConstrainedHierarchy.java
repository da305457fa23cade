package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Root and a server CA constrained to brokers.example.com on the test token, made with the command line. */
final class ConstrainedHierarchy {

    private final Path dir;
    final TestCli cli;
    final Path config;
    final Path out;

    TestCli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    /** Root and a server CA whose name constraints permit brokers.example.com only (and exclude every IP). */
    ConstrainedHierarchy(Path dir, TestToken token) throws IOException {
        this.dir = dir;
        config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        out = Files.createDirectories(dir.resolve("usb-export"));
        for (List<String> ceremony : List.of(List.of("root-ca", "--param", "root-common-name=Gate Root CA"),
                List.of("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Gate Server CA",
                        "--param", "permitted-dns=brokers.example.com"))) {
            List<String> args = new ArrayList<>(List.of("run", ceremony.get(0), "--batch", "--operator", "Alice Admin",
                    "--witness", "Wendy Witness", "--export", out.toString()));
            args.addAll(ceremony.subList(1, ceremony.size()));
            TestCli.Result result = run(args.toArray(String[]::new));
            assertThat(result.status()).as(result.all()).isZero();
        }
    }

    Path csr(Path folder, String name, String subject, String sans) throws IOException {
        Files.createDirectories(folder);
        Path params = dir.resolve("p256.params");
        if (!Files.exists(params)) {
            assertThat(Tool.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", params.toString()).exitCode())
                    .isZero();
        }
        Tool made = Tool.run(dir, "openssl", "req", "-new", "-nodes", "-newkey", "ec:" + params, "-keyout",
                dir.resolve(name + ".key.pem").toString(), "-out", folder.resolve(name + ".csr").toString(), "-subj",
                subject, "-addext", "subjectAltName=" + sans);
        assertThat(made.exitCode()).as(made.toString()).isZero();
        return folder.resolve(name + ".csr");
    }

    Path transcript(String ceremonyOutput) {
        // The run names its transcript; two ceremonies in one second would sort out of order by file name.
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("(?m)^Transcript +(\\S+)$").matcher(ceremonyOutput);
        if (!named.find()) {
            throw new AssertionError("the run names no transcript: " + ceremonyOutput);
        }
        return Path.of(named.group(1));
    }
}
