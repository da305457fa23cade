package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live image logs each drop to the officer's console in console-drops.log on the records
 * medium; the next ceremony's preflight records each as a deviation in the signed log, once.
 */
@SoftHsm
class ConsoleDropsTest {

    @Test
    void eachConsoleDrop_becomesADeviationOfTheNextCeremony_once(TestToken token, @TempDir Path dir) throws Exception {
        Path config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        TestCli cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()));
        List<String> batch = List.of("--batch", "--config", config.toString(), "--operator", "Alice Admin",
                "--witness", "Wendy Witness", "--export", Files.createDirectories(dir.resolve("out")).toString());
        assertThat(cli.run(Stream.concat(Stream.of("run", "root-ca"), batch.stream()).toArray(String[]::new)).status())
                .isZero();
        Path records = config.getParent().resolve("records");
        Files.writeString(records.resolve("console-drops.log"), "2026-11-22T10:00:00Z console opened on /dev/tty1\n"
                + "2026-11-22T10:20:00Z console opened on /dev/tty1\n");

        TestCli.Result crl = cli.run(Stream.concat(Stream.of("run", "crl-renewal"), batch.stream()).toArray(String[]::new));
        assertThat(crl.out()).contains("console   2026-11-22T10:00:00Z console opened on /dev/tty1 (recorded as a");
        assertThat(records.resolve("console-drops.log")).doesNotExist();
        try (Stream<Path> kept = Files.list(records.resolve("console-drops"))) {
            assertThat(kept.map(file -> file.getFileName().toString())).singleElement().asString()
                    .startsWith("crl-renewal-");
        }
        cli.run(Stream.concat(Stream.of("run", "crl-renewal"), batch.stream()).toArray(String[]::new));
        String log = Files.readString(records.resolve("audit.jsonl"));
        assertThat(log.split("\"type\":\"deviation\"", -1)).as("two drops, recorded once").hasSize(3);
        assertThat(log).contains("the officer's console was used outside Ceremony since the last ceremony: "
                + "2026-11-22T10:20:00Z console opened on /dev/tty1");
    }
}
