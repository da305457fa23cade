package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ceremony csr inspect} on requests made by openssl, judged under every leaf profile. */
class CsrInspectCommandTest {

    @TempDir
    Path dir;

    private String[] run(String... args) {
        TestCli.Result result = new TestCli(dir).run(args);
        return new String[] {String.valueOf(result.status()), result.all()};
    }

    /** An appliance configuration with the shipped profiles and no records. */
    private Path config() throws java.io.IOException {
        return new TestToken("unused", "unused-pin", "unused-so", dir, dir.resolve("softhsm2.conf"),
                java.util.List.of()).writeApplianceConfig(dir.resolve("etc"));
    }

    private Path csr(String name, String key, String subject, String sans) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl", "req", "-new", "-nodes",
                "-newkey", key, "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject));
        if (!sans.isEmpty()) {
            command.addAll(java.util.List.of("-addext", "subjectAltName=" + sans));
        }
        assertThat(Tool.run(dir, command).exitCode()).isZero();
        return dir.resolve(name + ".csr");
    }

    @Test
    void eachRequest_showsWhatItAsksWhatWouldBeIssued_andTheVerdictPerProfile() throws Exception {
        Path config = config();
        Path server = csr("server", "rsa:2048", "/CN=mqtt.example.com", "DNS:mqtt.example.com,IP:192.0.2.10");
        Path device = csr("device", "rsa:2048", "/CN=sensor-0042", "");

        String[] both = run("csr", "inspect", "--config", config.toString(), server.toString(), device.toString());
        String[] bad = run("csr", "inspect", "--config", config.toString(), "--profile", "mqtt-device",
                server.toString());

        assertThat(both[0]).as(both[1]).isEqualTo("0");
        assertThat(both[1]).contains("requested    subject CN=mqtt.example.com")
                .contains("names DNS:mqtt.example.com, IP:192.0.2.10")
                .contains("mqtt-server  ACCEPTED")
                .contains("would issue C=DE,O=Ceremony Test Org,CN=mqtt.example.com")
                .contains("names URI:spiffe://fleet.example.com/device/sensor-0042, DNS:sensor-0042.local")
                .contains("[device-id] the device id 'mqtt.example.com' is not a DNS label");
        assertThat(bad[0]).isEqualTo("1");
        assertThat(bad[1]).contains("mqtt-device  REFUSED").doesNotContain("mqtt-server");
        assertThat(Files.exists(dir.resolve("etc/records"))).as("inspection writes nothing").isFalse();
    }

    @Test
    void aFileWithTwoRequests_isRefused_sayingHowManyBlocksItHolds() throws Exception {
        Path config = config();
        Path first = csr("first", "rsa:2048", "/CN=mqtt.example.com", "DNS:mqtt.example.com");
        Path second = csr("second", "rsa:2048", "/CN=evil.example.com", "DNS:evil.example.com");
        Path both = Files.writeString(dir.resolve("both.csr"), Files.readString(first) + Files.readString(second));

        String[] result = run("csr", "inspect", "--config", config.toString(), "--profile", "mqtt-server",
                both.toString());

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("mqtt-server  REFUSED").contains("[csr-format] the file holds 2 PEM blocks "
                + "(CERTIFICATE REQUEST, CERTIFICATE REQUEST)").doesNotContain("ACCEPTED");
    }

    /**
     * A FIFO once hung {@code csr inspect} forever (reading waits for a writer): the guard only
     * stops a hanging run, it measures nothing.
     */
    @Test
    void aFifoADeviceAndAFolder_areRefusedAtOnce_eachNamedWithWhy() throws Exception {
        Path config = config();
        assertThat(Tool.run(dir, "mkfifo", "pipe.csr").exitCode()).isZero();
        Path folder = Files.createDirectory(dir.resolve("folder.csr"));
        Path server = csr("server", "rsa:2048", "/CN=mqtt.example.com", "DNS:mqtt.example.com");

        String[] result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2),
                () -> run("csr", "inspect", "--config", config.toString(), "--profile", "mqtt-server",
                        dir.resolve("pipe.csr").toString(), "/dev/null", folder.toString(), server.toString()));

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("not read: " + dir.resolve("pipe.csr") + ": it is a FIFO (named pipe), not a "
                + "regular file").contains("not read: /dev/null: it is a character device, not a regular file")
                .contains("not read: " + folder + ": it is a directory, not a regular file")
                .as("the regular file after them is still inspected").contains("mqtt-server  ACCEPTED");
    }
}
