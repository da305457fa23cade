package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.engine.NetworkLink;
import dev.ceremony.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysNetworkLinksTest {

    @TempDir
    Path dir;

    @Test
    void thisMachinesInterfaces_agreeWithIpLink() {
        Tool ip = Tool.run(dir, List.of("ip", "-o", "link", "show"));
        assertThat(ip.exitCode()).as(ip.output()).isZero();
        Map<String, String> expected = new TreeMap<>();
        Matcher line = Pattern.compile("(?m)^\\d+: ([^:@]+)[^:]*: <([^>]*)>").matcher(ip.output());
        while (line.find()) {
            List<String> flags = List.of(line.group(2).split(","));
            expected.put(line.group(1), (flags.contains("UP") ? "up" : "down") + (flags.contains("LOOPBACK") ? " loopback" : ""));
        }

        List<NetworkLink> links = new SysNetworkLinks(SysNetworkLinks.SYSTEM).read();

        Map<String, String> actual = new TreeMap<>();
        links.forEach(link -> actual.put(link.name(), (link.up() ? "up" : "down") + (link.loopback() ? " loopback" : "")));
        System.out.println("network interfaces on this machine: " + actual);
        assertThat(actual).isEqualTo(expected).containsEntry("lo", "up loopback");
    }

    @Test
    void flagsThatCannotBeRead_countAsUp_soTheCheckFailsClosed() throws Exception {
        write("lo", "0x9\n");
        write("eth0", "0x1002\n");
        write("wlan0", "garbage\n");
        Files.createDirectories(dir.resolve("usb0"));

        assertThat(new SysNetworkLinks(dir).read()).containsExactly(
                new NetworkLink("eth0", false, false), new NetworkLink("lo", true, true),
                new NetworkLink("usb0", true, false), new NetworkLink("wlan0", true, false));
    }

    private void write(String name, String flags) throws Exception {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("flags"), flags);
    }
}
