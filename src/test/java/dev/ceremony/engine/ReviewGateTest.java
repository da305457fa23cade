package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review gate is the signing gate: with a server CA constrained to brokers.example.com (the
 * policy permits all of example.com), {@code csr inspect --issuer}, the review and the sign step
 * judge alike: a request with an IP SAN and one outside the permitted subtree are refused with
 * the rule, and the transcript lists what was issued and what was refused.
 */
@SoftHsm
class ReviewGateTest {

    @TempDir
    Path dir;

    @Test
    void aConstrainedServerCa_refusesAtReview_theRequestsItsConstraintsExclude_andSignsTheRest(TestToken token)
            throws Exception {
        ConstrainedHierarchy ca = new ConstrainedHierarchy(dir, token);
        Path requests = dir.resolve("import");
        Path good = ca.csr(requests, "good", "/CN=mqtt.brokers.example.com", "DNS:mqtt.brokers.example.com");
        Path withIp = ca.csr(requests, "with-ip", "/CN=ip.brokers.example.com",
                "DNS:ip.brokers.example.com,IP:192.0.2.7");
        Path outside = ca.csr(requests, "outside", "/CN=mqtt.example.com", "DNS:mqtt.example.com");

        TestCli.Result policyOnly = ca.run("csr", "inspect", "--profile", "mqtt-server", withIp.toString());
        assertThat(policyOnly.out()).as("without --issuer it says what it did not judge").contains("no --issuer");
        TestCli.Result inspectIp = ca.run("csr", "inspect", "--profile", "mqtt-server", "--issuer", "server-ca",
                withIp.toString());
        assertThat(inspectIp.status()).as(inspectIp.all()).isEqualTo(1);
        assertThat(inspectIp.out()).contains("REFUSED").contains("[name-constraints] SAN IP:192.0.2.7 lies in the "
                + "issuer's excluded subtree IP:0.0.0.0/0");
        TestCli.Result inspectOutside = ca.run("csr", "inspect", "--profile", "mqtt-server", "--issuer", "server-ca",
                outside.toString());
        assertThat(inspectOutside.status()).as(inspectOutside.all()).isEqualTo(1);
        assertThat(inspectOutside.out()).contains("[name-constraints] SAN DNS:mqtt.example.com lies outside the "
                + "issuer's permitted names");
        TestCli.Result inspectGood = ca.run("csr", "inspect", "--profile", "mqtt-server", "--issuer", "server-ca",
                good.toString());
        assertThat(inspectGood.status()).as(inspectGood.all()).isZero();

        TestCli.Result signing = ca.run("run", "sign-csrs", "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--import", requests.toString(), "--export", ca.out.toString(), "--param",
                "profile=mqtt-server", "--param", "issuer=server-ca");
        assertThat(signing.status()).as(signing.all()).isZero();
        assertThat(signing.out()).contains("Review: 1 accepted, 2 refused, under profile mqtt-server")
                .contains("REFUSED with-ip.csr: [name-constraints] SAN IP:192.0.2.7")
                .contains("REFUSED outside.csr: [name-constraints] SAN DNS:mqtt.example.com")
                .containsPattern("Signed 1 certificate\\(s\\) with [^;]*; 0\\s+reviewed\\s+request\\(s\\)\\s+not\\s+signed\\.")
                .contains(" completed.").doesNotContain("NOT SIGNED");

        Path export;
        try (Stream<Path> folders = Files.list(ca.out)) {
            export = folders.filter(f -> f.getFileName().toString().startsWith("sign-csrs-")).findFirst().orElseThrow();
        }
        assertThat(export.resolve("ip.brokers.example.com.cert.pem")).doesNotExist();
        String serial = Tool.run(export, "openssl", "x509", "-noout", "-serial", "-in",
                "mqtt.brokers.example.com.cert.pem").output().strip().substring("serial=".length())
                .toLowerCase(java.util.Locale.ROOT);
        String text = Files.readString(ca.transcript(signing.all()));
        assertThat(text).contains("Outcome          completed\n").contains("Reviewed 3: 1 accepted, 2 refused")
                .contains("Issued 1 certificate(s):")
                .contains("serial " + serial.replaceFirst("^0+", "") + "  profile mqtt-server")
                .contains("CN=mqtt.brokers.example.com").contains("Refused at review 2:")
                .contains("with-ip.csr").contains("outside.csr")
                .contains("[name-constraints] SAN IP:192.0.2.7")
                .contains("Reviewed and not signed 0")
                .contains("2 request(s) refused at review");
        for (String line : text.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
        }
        TestCli.Result audit = ca.cli.run("audit", "verify", dir.resolve("appliance/records/audit.jsonl").toString());
        assertThat(audit.status()).as(audit.all()).isZero();
    }
}
