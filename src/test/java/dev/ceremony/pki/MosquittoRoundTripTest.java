package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.Token;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Mosquitto broker on a free loopback port, with the server chain and key Ceremony issued,
 * cafile = root only and client certificates required: an amqtt-style device publishes and
 * subscribes with its certificate (sending its intermediate), checking the broker's name; a
 * client certificate from another CA is refused.
 */
@SoftHsm
class MosquittoRoundTripTest {

    @TempDir
    static Path dir;

    private static Token token;
    private static TestHierarchy pki;
    private static Process broker;
    private static int port;

    @BeforeAll
    static void broker(TestToken testToken) throws Exception {
        pki = new TestHierarchy(testToken, dir);
        token = pki.token;
        pki.server("broker", pki.p256());
        pki.device("sensor-0042");
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        pki.write("mosquitto.conf", String.join("\n",
                "user root",
                "persistence false",
                "log_dest stdout",
                "listener " + port + " 127.0.0.1",
                "cafile " + dir.resolve("root-ca.cert.pem"),
                "certfile " + dir.resolve("broker.chain.pem"),
                "keyfile " + dir.resolve("broker.key.pem"),
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false",
                "tls_version tlsv1.2",
                ""));
        broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        waitForListener();
    }

    private static void waitForListener() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + java.nio.file.Files.readString(dir.resolve("mosquitto.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on port " + port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(10, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
        pki.close();
    }

    private static List<String> client(String tool, String certificate, String key, String... more) {
        List<String> command = new java.util.ArrayList<>(List.of(tool, "-h", "127.0.0.1", "-p", String.valueOf(port),
                "--cafile", dir.resolve("root-ca.cert.pem").toString(), "--cert", dir.resolve(certificate).toString(),
                "--key", dir.resolve(key).toString(), "--tls-version", "tlsv1.2"));
        command.addAll(List.of(more));
        return command;
    }

    @Test
    void deviceWithIssuedCertificate_publishesAndReceives_overTls() throws Exception {
        Process subscriber = new ProcessBuilder(client("mosquitto_sub", "sensor-0042.chain.pem", "sensor-0042.key.pem",
                "-i", "sensor-0042-sub", "-t", "fleet/sensor-0042/state", "-C", "1", "-W", "20"))
                .redirectErrorStream(true).start();
        // Retained, so that a subscriber that connects after the publish still gets the message.
        Tool published = Tool.run(dir, client("mosquitto_pub", "sensor-0042.chain.pem", "sensor-0042.key.pem",
                "-i", "sensor-0042", "-t", "fleet/sensor-0042/state", "-m", "online", "-q", "1", "-r"));
        assertThat(published.exitCode()).as(published + "\nbroker log:\n"
                + java.nio.file.Files.readString(dir.resolve("mosquitto.log"))).isZero();

        assertThat(subscriber.waitFor(25, TimeUnit.SECONDS)).isTrue();
        String received = new String(subscriber.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(subscriber.exitValue()).as(received).isZero();
        assertThat(received.strip()).isEqualTo("online");
    }

    @Test
    void clientCertificateFromAnotherCa_isRefused() throws Exception {
        assertThat(Tool.run(dir, "openssl", "req", "-x509", "-newkey", pki.p256(), "-nodes", "-keyout", "rogue-ca.key",
                "-out", "rogue-ca.pem", "-days", "30", "-subj", "/CN=Rogue CA", "-addext",
                "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign").exitCode()).isZero();
        assertThat(Tool.run(dir, "openssl", "req", "-new", "-newkey", pki.p256(), "-nodes", "-keyout", "rogue.key",
                "-out", "rogue.csr", "-subj", "/CN=sensor-0042").exitCode()).isZero();
        pki.write("rogue.ext", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=clientAuth\n");
        assertThat(Tool.run(dir, "openssl", "x509", "-req", "-in", "rogue.csr", "-CA", "rogue-ca.pem", "-CAkey",
                "rogue-ca.key", "-CAcreateserial", "-out", "rogue.pem", "-days", "30", "-extfile", "rogue.ext")
                .exitCode()).isZero();

        Tool refused = Tool.run(dir, client("mosquitto_pub", "rogue.pem", "rogue.key", "-i", "sensor-0042",
                "-t", "fleet/sensor-0042/state", "-m", "intruder"));

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    }

    @Test
    void brokerNameIsChecked_soAWrongHostIsRefused() {
        Tool refused = Tool.run(dir, List.of("mosquitto_pub", "-h", "localhost", "-p", String.valueOf(port),
                "--cafile", dir.resolve("root-ca.cert.pem").toString(),
                "--cert", dir.resolve("sensor-0042.chain.pem").toString(),
                "--key", dir.resolve("sensor-0042.key.pem").toString(), "-i", "sensor-0042", "-t", "t", "-m", "x"));

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    }
}
