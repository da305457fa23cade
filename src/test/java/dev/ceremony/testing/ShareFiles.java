package dev.ceremony.testing;

import dev.ceremony.quorum.QuorumPin;
import dev.ceremony.quorum.QuorumSplitter;
import dev.ceremony.quorum.Share;
import dev.ceremony.quorum.ShareCodec;
import dev.ceremony.token.Pin;
import dev.ceremony.token.SecretAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The share files a rehearsal's batch run writes (--share-out), read back as a test sees them. */
public final class ShareFiles {

    private ShareFiles() {
    }

    /** The files in {@code folder} whose names start with {@code prefix} ("user-", "so-"), sorted. */
    public static List<Path> named(Path folder, String prefix) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** The PIN the shares give, as the appliance derives it (the test's view: nobody else ever sees it). */
    public static String pinOf(List<Path> shares) throws IOException {
        ShareCodec codec = new ShareCodec();
        List<Share> decoded = new ArrayList<>();
        for (Path file : shares) {
            decoded.add(codec.decode(Files.readString(file).strip(), QuorumPin.PREFERRED_BYTES));
        }
        try (Pin pin = QuorumPin.pinOf(QuorumSplitter.combine(decoded))) {
            return pin.reveal(SecretAccess.QUORUM, String::new);
        }
    }
}
