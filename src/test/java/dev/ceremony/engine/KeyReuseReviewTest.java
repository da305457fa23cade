package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.ShownFacts;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One key, one subject, across ceremonies: a broker key certified in one batch is refused in a
 * later batch under another name, and accepted under its own name only as a renewal, which the
 * review and the transcript name with the serial it renews.
 */
@SoftHsm
class KeyReuseReviewTest {

    @TempDir
    Path dir;

    @Test
    void aKeyCertifiedInAnEarlierBatch_isRefusedUnderAnotherName_andRenewsItsOwnNamingTheSerial(TestToken token)
            throws Exception {
        ConstrainedHierarchy ca = new ConstrainedHierarchy(dir, token);
        ca.csr(dir.resolve("import-1"), "broker", "/CN=mqtt.brokers.example.com", "DNS:mqtt.brokers.example.com");
        sign(ca, dir.resolve("import-1"));
        String serial = serialOf(ca, "mqtt.brokers.example.com");
        Path later = Files.createDirectories(dir.resolve("import-2"));
        for (List<String> request : List.of(List.of("renew", "mqtt.brokers.example.com"),
                List.of("other-name", "other.brokers.example.com"))) {
            Tool made = Tool.run(dir, "openssl", "req", "-new", "-key", dir.resolve("broker.key.pem").toString(),
                    "-out", later.resolve(request.get(0) + ".csr").toString(), "-subj", "/CN=" + request.get(1),
                    "-addext", "subjectAltName=DNS:" + request.get(1));
            assertThat(made.exitCode()).as(made.toString()).isZero();
        }

        TestCli.Result second = sign(ca, later);

        assertThat(second.out()).contains("Review: 1 accepted, 1 refused")
                .contains("REFUSED other-name.csr: [key-already-certified]");
        assertThat(ShownFacts.newest(dir.resolve("appliance/records/audit.jsonl"), "review"))
                .anyMatch(line -> line.startsWith("renew.csr: renewal of serial " + serial + "; issues ")
                        && line.contains("CN=mqtt.brokers.example.com"))
                .anyMatch(line -> line.startsWith("other-name.csr: REFUSED: [key-already-certified]")
                        && line.contains("for another subject"));
        assertThat(Files.readString(ca.transcript(second.all()))).as("the transcript records the renewal")
                .contains("Accepted as renewals 1:")
                .contains("    renew.csr (C=DE,O=Ceremony Test Org,CN=mqtt.brokers.example.com)\n"
                        + "      renews serial " + serial + "\n");
    }

    private static TestCli.Result sign(ConstrainedHierarchy ca, Path requests) {
        TestCli.Result signing = ca.run("run", "sign-csrs", "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--import", requests.toString(), "--export", ca.out.toString(), "--param",
                "profile=mqtt-server", "--param", "issuer=server-ca");
        assertThat(signing.status()).as(signing.all()).isZero();
        return signing;
    }

    /** The serial of the newest exported certificate of {@code host}, in the colon hex the boxes show. */
    private static String serialOf(ConstrainedHierarchy ca, String host) throws Exception {
        Path export;
        try (Stream<Path> folders = Files.list(ca.out)) {
            export = folders.filter(f -> f.getFileName().toString().startsWith("sign-csrs-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
        String hex = Tool.run(export, "openssl", "x509", "-noout", "-serial", "-in", host + ".cert.pem").output()
                .strip().substring("serial=".length()).toLowerCase(Locale.ROOT);
        return hex.replaceAll("(..)(?!$)", "$1:");
    }
}
