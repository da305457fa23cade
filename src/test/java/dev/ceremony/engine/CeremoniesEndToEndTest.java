package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped script, in batch mode on a rehearsal SoftHSM2 token, on top of one another: root,
 * server CA and device CA, signing openssl-made broker and device requests, rotation of the server
 * CA, revocation, and CRL renewal. The outputs are checked with openssl (-x509_strict, CRLs), the
 * log with 'audit verify', and every file written is searched for the PIN.
 */
@SoftHsm
class CeremoniesEndToEndTest {

    private static final Pattern PLAN_HASH = Pattern.compile("Plan SHA-256 ([0-9a-f]{64})");

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
        assertThat(result.out()).contains(" completed.");
        return result;
    }

    /** What the newest run of step {@code step} showed before it was confirmed, as the log holds it. */
    private List<String> shown(String step) throws IOException {
        return dev.ceremony.testing.ShownFacts.newest(dir.resolve("appliance/records/audit.jsonl"), step);
    }

    /** A line of a review or signing box: the request {@code file} issues a subject with {@code cn}, then {@code tail}. */
    private static java.util.function.Predicate<String> issues(String file, String cn, String tail) {
        return line -> line.startsWith(file + ": issues ") && line.contains(cn) && line.endsWith(tail);
    }

    /** openssl's "-serial" hex as the confirmation boxes show serials: lower case, in colon-separated pairs. */
    private static String colonHex(String opensslSerial) {
        return opensslSerial.toLowerCase(java.util.Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }

    /** The newest export folder of a ceremony script. */
    private Path export(String script) throws IOException {
        try (Stream<Path> folders = Files.list(out)) {
            return folders.filter(f -> f.getFileName().toString().startsWith(script + "-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }

    private Path csr(Path folder, String name, String key, String subject, String sans) throws IOException {
        Files.createDirectories(folder);
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-new", "-nodes", "-newkey", key,
                "-keyout", dir.resolve(name + ".key.pem").toString(), "-out", folder.resolve(name + ".csr").toString(),
                "-subj", subject));
        if (!sans.isEmpty()) {
            command.addAll(List.of("-addext", "subjectAltName=" + sans));
        }
        assertThat(Tool.run(dir, command).exitCode()).isZero();
        return folder;
    }

    /**
     * Every confirmation box these ceremonies showed (root, CAs, review, signing, rotation,
     * revocation, CRLs), opened on an 80x24 virtual terminal with the facts the log says were
     * shown and read to its end: each label and each whole value is on the screen.
     */
    private void everyBoxShowsItsFactsWhole_atEightyByTwentyFour() throws IOException {
        Map<String, dev.ceremony.text.Facts> boxes = dev.ceremony.testing.ShownFacts.newestOfEachStep(
                dir.resolve("appliance/records/audit.jsonl"));
        assertThat(boxes.keySet()).contains("self-sign-root", "review", "sign", "revoke", "device-ca-crl");
        for (Map.Entry<String, dev.ceremony.text.Facts> box : boxes.entrySet()) {
            // A value may wrap at any character where it has no space: compared without white space.
            String screen = String.join("", dev.ceremony.tui.ConfirmationOnScreen.read(box.getKey(), box.getValue()))
                    .replaceAll("\\s+", "");
            assertThat(screen).as(box.getKey()).contains(box.getValue().heading().replaceAll("\\s+", ""));
            for (dev.ceremony.text.Facts.Fact fact : box.getValue().facts()) {
                assertThat(screen).as(box.getKey() + " on the screen").contains(fact.label().replaceAll("\\s+", ""))
                        .contains(fact.value().replaceAll("\\s+", ""));
            }
        }
        String root = String.join("\n", dev.ceremony.tui.ConfirmationOnScreen.read("self-sign-root",
                boxes.get("self-sign-root")));
        assertThat(root).as("the root's box").containsPattern("subject +C=DE,O=Ceremony Test Org,CN=E2E Root CA")
                .contains("not before").contains("not after").contains("basic constr.").contains("key usage");
        String crl = String.join("\n", dev.ceremony.tui.ConfirmationOnScreen.read("device-ca-crl",
                boxes.get("device-ca-crl")));
        assertThat(crl).as("the CRL's box").contains("CRL number").contains("this update").contains("next update")
                .contains("CN=sensor-0002");
    }

    private static void verifies(Path folder, String stem) {
        Tool verify = Tool.run(folder, "openssl", "verify", "-x509_strict", "-CAfile", "ca-bundle.pem", "-untrusted",
                stem + ".chain.pem", stem + ".cert.pem");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void allSixScripts_runInBatchMode_onTopOfOneAnother(TestToken testToken) throws Exception {
        config = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:",
                "  allow-network: true"));
        cli = new TestCli(dir, Map.of("CEREMONY_PIN", testToken.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        out = Files.createDirectories(dir.resolve("usb-export"));

        TestCli.Result plan = run("run", "root-ca", "--plan", "--param", "root-common-name=E2E Root CA");
        assertThat(plan.status()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("certificate template:").contains("CN=E2E Root CA")
                .contains("every certificate template passes");
        Matcher hash = PLAN_HASH.matcher(plan.out());
        assertThat(hash.find()).isTrue();
        assertThat(run("run", "root-ca", "--plan", "--param", "root-common-name=E2E Root CA").out())
                .as("a plan is the same every time it is printed").isEqualTo(plan.out());

        TestCli.Result changed = run("run", "root-ca", "--batch", "--operator", "Alice Admin", "--witness", "Wendy Witness",
                "--export", out.toString(), "--param", "root-common-name=Another Root", "--approved-plan", hash.group(1));
        assertThat(changed.status()).isEqualTo(1);
        assertThat(changed.err()).contains("not the approved " + hash.group(1));
        assertThat(dir.resolve("appliance/records/audit.jsonl")).as("a refused start writes nothing").doesNotExist();

        batch("root-ca", "--param", "root-common-name=E2E Root CA", "--approved-plan", hash.group(1), "--note",
                "tamper bag 4711 checked intact");
        Path rootExport = export("root-ca");
        assertThat(Tool.run(rootExport, "sha256sum", "-c", "SHA256SUMS").exitCode()).isZero();
        Tool sums = Tool.run(rootExport, "sh", "-c", "openssl x509 -in audit-signer.cert.pem -pubkey -noout > audit.pub"
                + " && openssl dgst -sha256 -verify audit.pub -signature SHA256SUMS.sig SHA256SUMS");
        assertThat(sums.output()).as(sums.toString()).contains("Verified OK");

        batch("intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=E2E Server CA 2026",
                "--param", "permitted-dns=example.com");
        batch("intermediate-ca", "--param", "ca=device-ca", "--param", "common-name=E2E Device CA 2026");
        Path chains = export("intermediate-ca");
        assertThat(chains.resolve("device-ca.fullchain.pem")).exists();
        TestCli.Result again = run("run", "intermediate-ca", "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", out.toString(), "--param", "ca=device-ca", "--param",
                "common-name=E2E Device CA 2027");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("already hold a CA 'device-ca'").contains("intermediate-rotation");

        Path brokers = csr(dir.resolve("import-brokers"), "broker", "ec:" + p256(), "/CN=mqtt.example.com",
                "DNS:mqtt.example.com");
        csr(brokers, "broker-rsa", "rsa:3072", "/CN=mqtt-rsa.example.com", "DNS:mqtt-rsa.example.com");
        csr(brokers, "outsider", "ec:" + p256(), "/CN=mqtt.example.org", "DNS:mqtt.example.org");
        TestCli.Result servers = batch("sign-csrs", "--import", brokers.toString(), "--param", "profile=mqtt-server",
                "--param", "issuer=server-ca");
        assertThat(servers.out()).contains("Review: 2 accepted, 1 refused").contains("REFUSED outsider.csr");
        assertThat(shown("review")).as("the review's box names each request, with what it gets or why not")
                .anyMatch(issues("broker.csr", "CN=mqtt.example.com", "; names DNS:mqtt.example.com"))
                .anyMatch(issues("broker-rsa.csr", "CN=mqtt-rsa.example.com", "; names DNS:mqtt-rsa.example.com"))
                .anyMatch(line -> line.startsWith("outsider.csr: REFUSED: [") && line.contains("example.org"));
        assertThat(shown("sign")).as("the signing box names each request it signs, and only those")
                .anyMatch(issues("broker.csr", "CN=mqtt.example.com", "; names DNS:mqtt.example.com"))
                .anyMatch(issues("broker-rsa.csr", "CN=mqtt-rsa.example.com", "; names DNS:mqtt-rsa.example.com"))
                .noneMatch(line -> line.contains("outsider"));
        Path serverExport = export("sign-csrs");
        verifies(serverExport, "mqtt.example.com");
        verifies(serverExport, "mqtt-rsa.example.com");
        assertThat(serverExport.resolve("mqtt.example.com.mosquitto.conf")).exists();

        Path devices = dir.resolve("import-devices");
        for (int i = 1; i <= 3; i++) {
            csr(devices, "sensor-000" + i, "ec:" + p256(), "/CN=sensor-000" + i, "");
        }
        csr(devices, "sensor-0004", "ec:" + p256(), "/CN=sensor-0004", "");
        TestCli.Result deviceRun = batch("sign-csrs", "--import", devices.toString(), "--param", "profile=mqtt-device",
                "--param", "issuer=device-ca", "--leave-out", "sensor-0004.csr");
        assertThat(deviceRun.out()).contains("Review: 4 accepted, 0 refused").contains("left out by the officer: "
                + "sensor-0004.csr").contains("Signed 3 certificate(s)");
        assertThat(shown("review")).anyMatch(line -> line.startsWith("sensor-0004.csr: left out by the officer"));
        assertThat(shown("sign")).anyMatch(issues("sensor-0001.csr", "CN=sensor-0001", ""))
                .noneMatch(line -> line.contains("sensor-0004"));
        Path deviceExport = export("sign-csrs");
        for (int i = 1; i <= 3; i++) {
            verifies(deviceExport, "sensor-000" + i);
        }
        assertThat(deviceExport.resolve("sensor-0004.cert.pem")).as("a request left out is not signed").doesNotExist();
        assertThat(Files.readString(dir.resolve("appliance/records/audit.jsonl"))).contains("\"type\":\"request-left-out\"")
                .contains("\"source\":\"sensor-0004.csr\"");

        TestCli.Result rotation = batch("intermediate-rotation", "--param", "ca=server-ca", "--param",
                "common-name=E2E Server CA 2027", "--param", "generation=2");
        assertThat(rotation.out()).contains("server-ca-2 issues from now on").contains("ca-bundle.pem (the root only) is "
                + "unchanged");
        assertThat(shown("sign")).as("the rotation's box shows the constraints carried over")
                .contains("name constr. change: none: carried over unchanged from server-ca")
                .contains("server-ca (now): DNS under example.com; no IP address")
                .contains("server-ca-2 (new): DNS under example.com; no IP address");
        Path next = csr(dir.resolve("import-after-rotation"), "broker-2", "ec:" + p256(), "/CN=mqtt2.example.com",
                "DNS:mqtt2.example.com");
        batch("sign-csrs", "--import", next.toString(), "--param", "profile=mqtt-server", "--param", "issuer=server-ca");
        Path afterRotation = export("sign-csrs");
        verifies(afterRotation, "mqtt2.example.com");
        assertThat(Tool.run(afterRotation, "openssl", "x509", "-in", "mqtt2.example.com.cert.pem", "-noout", "-issuer")
                .output()).as("only the new generation issues").contains("E2E Server CA 2027");
        verifies(serverExport, "mqtt.example.com");

        String serial = Tool.run(deviceExport, "openssl", "x509", "-in", "sensor-0002.cert.pem", "-noout", "-serial")
                .output().strip().substring("serial=".length());
        TestCli.Result notOurs = run("run", "revoke", "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", out.toString(), "--param", "issuer=device-ca", "--param",
                "serial=" + serverExport.resolve("mqtt.example.com.cert.pem"));
        assertThat(notOurs.status()).isEqualTo(1);
        assertThat(notOurs.out()).contains("was issued by device-ca");
        assertThat(notOurs.out()).as("a refused revocation changed nothing: it ends, nothing to abort")
                .contains("It is ended; nothing is left to resume.");
        batch("revoke", "--param", "issuer=device-ca", "--param", "serial=" + deviceExport.resolve("sensor-0002.cert.pem"),
                "--param", "reason=key-compromise");
        assertThat(shown("revoke")).as("the revocation box shows the certificate whole")
                .anyMatch(line -> line.startsWith("subject: ") && line.contains("CN=sensor-0002"))
                .anyMatch(line -> line.startsWith("issuer: ") && line.contains("CN=E2E Device CA 2026"))
                .contains("serial: " + colonHex(serial), "key: EC P-256",
                        "alt. names: URI:spiffe://fleet.example.com/device/sensor-0002", "  DNS:sensor-0002.local",
                        "reason: key-compromise (CRL reason code 1)")
                .anyMatch(line -> line.startsWith("not before: 20"));
        TestCli.Result twice = run("run", "revoke", "--batch", "--operator", "Alice Admin", "--witness", "Wendy Witness",
                "--export", out.toString(), "--param", "issuer=device-ca", "--param", "serial=" + serial);
        assertThat(twice.status()).isEqualTo(1);
        assertThat(twice.out()).contains("was already revoked");
        assertThat(twice.out()).contains("It is ended; nothing is left to resume.");

        batch("crl-renewal");
        assertThat(shown("device-ca-crl")).as("the CRL box names the CA and each revoked certificate")
                .anyMatch(line -> line.startsWith("issuer: ") && line.contains("CN=E2E Device CA 2026"))
                .anyMatch(line -> line.startsWith("revoked: serial " + colonHex(serial) + " on ")
                        && line.contains(", key-compromise: ") && line.contains("CN=sensor-0002"));
        Path crls = export("crl-renewal");
        assertThat(crls.resolve("server-ca-2-crl-1.crl.pem")).as("both server CA generations publish CRLs").exists();
        Files.writeString(dir.resolve("crls.pem"), Files.readString(crls.resolve("device-ca-crl-2.crl.pem"))
                + Files.readString(crls.resolve("root-ca-crl-1.crl.pem")));
        Path deviceChain = chains.resolve("device-ca.fullchain.pem");
        Tool revoked = Tool.run(deviceExport, "openssl", "verify", "-x509_strict", "-crl_check", "-CAfile",
                deviceChain.toString(), "-CRLfile", dir.resolve("crls.pem").toString(), "sensor-0002.cert.pem");
        assertThat(revoked.output()).contains("certificate revoked");
        Tool good = Tool.run(deviceExport, "openssl", "verify", "-x509_strict", "-crl_check", "-CAfile",
                deviceChain.toString(), "-CRLfile", dir.resolve("crls.pem").toString(), "sensor-0001.cert.pem");
        assertThat(good.exitCode()).as(good.toString()).isZero();

        String certificate = Files.readString(deviceExport.resolve("sensor-0001.cert.pem"));
        String fingerprint = Tool.run(deviceExport, "sh", "-c", "openssl x509 -in sensor-0001.cert.pem -outform DER "
                + "| sha256sum").output().substring(0, 64);
        assertThat(Files.readString(dir.resolve("appliance/records/audit.jsonl"))).as("every certificate's "
                + "fingerprint is in the log").contains(fingerprint);
        assertThat(certificate).startsWith("-----BEGIN CERTIFICATE-----");

        TestCli.Result audit = cli.run("audit", "verify", dir.resolve("appliance/records/audit.jsonl").toString(),
                "--root", rootExport.resolve("root-ca.cert.pem").toString());
        assertThat(audit.status()).as(audit.all()).isZero();
        assertThat(audit.out()).containsPattern("ceremonies +11").contains("unsealed     0");
        assertThat(dev.ceremony.testing.ConfirmedFirst.check(dir.resolve("appliance/records/audit.jsonl")))
                .as("state-changing records checked").isGreaterThan(20);
        everyBoxShowsItsFactsWhole_atEightyByTwentyFour();

        Path transcripts = dir.resolve("appliance/records/transcripts");
        try (Stream<Path> files = Files.list(transcripts)) {
            for (Path transcript : files.toList()) {
                for (String line : Files.readAllLines(transcript)) {
                    assertThat(line.length()).as(transcript + ": " + line).isLessThanOrEqualTo(80);
                }
            }
        }
        assertThat(Files.readString(transcripts.resolve(rootExport.getFileName() + ".txt")))
                .contains("Outcome          completed").contains("Approved plan    given")
                .contains("Wendy Witness").contains("signature ____").contains("tamper bag 4711 checked intact");

        byte[] pin = testToken.userPin().getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), pin)).as("the PIN in " + file).isEqualTo(-1);
            }
        }
    }

    private String p256() throws IOException {
        Path params = dir.resolve("p256.params");
        if (!Files.exists(params)) {
            assertThat(Tool.run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", params.toString()).exitCode())
                    .isZero();
        }
        return params.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
