package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.media.Medium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media from a mount table and /dev/disk links laid out in a folder the way the kernel and udev write them. */
class MediaFinderTest {

    @TempDir
    Path dir;

    @Test
    void removableVolumes_areFoundWithLabelUuidAndSize_andConfiguredDirectoriesToo() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path stick = Files.createDirectories(media.resolve("officer/CSR STICK"));
        Path out = Files.createDirectories(media.resolve("officer/EXPORT"));
        Path records = Files.createDirectories(dir.resolve("records"));
        Path mounts = Files.writeString(dir.resolve("mounts"), String.join("\n",
                "proc /proc proc rw,relatime 0 0",
                "/dev/sda1 / ext4 rw,relatime 0 0",
                "/dev/sdb1 " + media.resolve("officer/CSR\\040STICK") + " vfat ro,nosuid,nodev,noexec 0 0",
                "/dev/sdc1 " + out + " exfat rw,nosuid,nodev,noexec 0 0",
                ""));
        Path byLabel = Files.createDirectories(dir.resolve("by-label"));
        Path byUuid = Files.createDirectories(dir.resolve("by-uuid"));
        Files.createSymbolicLink(byLabel.resolve("CSR\\x20STICK"), Path.of("/dev/sdb1"));
        Files.createSymbolicLink(byUuid.resolve("1A2B-3C4D"), Path.of("/dev/sdb1"));
        Files.createSymbolicLink(byUuid.resolve("5E6F-7081"), Path.of("/dev/sdc1"));

        List<Medium> found = new MediaFinder(mounts, byLabel, byUuid, List.of(media)).find(List.of(records, out));

        assertThat(found).extracting(Medium::mountPoint).containsExactly(stick, out, records);
        Medium csr = found.get(0);
        assertThat(csr.label()).contains("CSR STICK");
        assertThat(csr.uuid()).contains("1A2B-3C4D");
        assertThat(csr.filesystem()).isEqualTo("vfat");
        assertThat(csr.readOnly()).isTrue();
        assertThat(csr.totalBytes()).isPositive();
        assertThat(csr.freeBytes()).isPositive();
        assertThat(csr.identity()).isEqualTo("UUID=1A2B-3C4D");
        assertThat(found.get(1).readOnly()).isFalse();
        assertThat(found.get(2).identity()).isEqualTo("PATH=" + records);
    }

    @Test
    void theSystemTables_canBeRead() {
        assertThat(MediaFinder.system().find(List.of(dir))).extracting(Medium::mountPoint).contains(dir);
    }
}
