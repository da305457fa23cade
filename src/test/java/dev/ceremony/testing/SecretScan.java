package dev.ceremony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Scans what a test run wrote and printed for secrets (PINs, shares): none may appear anywhere. */
public final class SecretScan {

    private SecretScan() {
    }

    /**
     * Every regular file under {@code root} that {@code skip} does not match, read byte for byte
     * (as ISO-8859-1, so binary files are scanned too), must hold none of {@code secrets}.
     *
     * @return the files scanned, so that a test can check the scan saw the files it is about
     */
    public static List<Path> filesHoldNone(Path root, Predicate<Path> skip, Collection<String> secrets)
            throws IOException {
        List<Path> written;
        try (Stream<Path> files = Files.walk(root)) {
            written = files.filter(Files::isRegularFile).filter(skip.negate()).toList();
        }
        for (Path file : written) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertThat(content).as("%s must not hold a secret", file).doesNotContain(secret);
            }
        }
        return written;
    }

    /** Each of {@code texts} (what was printed) holds none of {@code secrets}. */
    public static void textsHoldNone(Collection<String> texts, Collection<String> secrets) {
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).as("printed output must not hold a secret").doesNotContain(secret);
            }
        }
    }
}
