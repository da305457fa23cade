package dev.ceremony.cli;

import dev.ceremony.token.Pin;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a headless command gets the token PIN: {@code --pin-file}, else {@code $CEREMONY_PIN},
 * else a masked prompt when a person is at a terminal. The PIN never passes through a String
 * here, except the environment variable, which the JVM already holds as one.
 */
final class PinSource {

    /** Environment variable with the PIN, for rehearsals and tests. */
    static final String ENVIRONMENT = "CEREMONY_PIN";

    /** A PIN file is a few bytes; anything larger is a mistake. */
    private static final int MAX_PIN_FILE_BYTES = 1024;

    private final Map<String, String> environment;

    PinSource(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The PIN, or empty when none was given and nobody can be asked. */
    Optional<Pin> pin(Optional<Path> pinFile, String tokenLabel) {
        Optional<Pin> given = given(pinFile);
        if (given.isPresent()) {
            return given;
        }
        Optional<Console> console = Terminal.interactive();
        if (console.isEmpty()) {
            return Optional.empty();
        }
        char[] typed = console.get().readPassword("User PIN for token '%s' (not shown): ", tokenLabel);
        if (typed == null || typed.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pin.of(typed));
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** The PIN from {@code --pin-file} or {@code $CEREMONY_PIN}, never from a prompt (batch mode). */
    Optional<Pin> given(Optional<Path> pinFile) {
        if (pinFile.isPresent()) {
            return Optional.of(fromFile(pinFile.get()));
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            char[] chars = fromEnvironment.toCharArray();
            try {
                return Optional.of(Pin.of(chars));
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        return Optional.empty();
    }

    private static Pin fromFile(Path file) {
        return readSecretFile(file, "PIN file", Pin::of);
    }

    /**
     * Reads a one-line secret (a PIN, a custodian's share) from a file only its owner can read, and
     * hands its characters to {@code use}; every copy is wiped afterwards.
     */
    static <T> T readSecretFile(Path file, String what, java.util.function.Function<char[], T> use) {
        byte[] bytes = null;
        char[] chars = null;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandFailure(what + " " + file + " is not a regular file");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)) {
                throw new CommandFailure(what + " " + file + " can be read by other users; run 'chmod 600 "
                        + file + "' first");
            }
            if (Files.size(file) > MAX_PIN_FILE_BYTES) {
                throw new CommandFailure(what + " " + file + " is larger than " + MAX_PIN_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
            int length = bytes.length;
            while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r')) {
                length--;
            }
            if (length == 0) {
                throw new CommandFailure(what + " " + file + " is empty");
            }
            chars = new char[length];
            for (int i = 0; i < length; i++) {
                if (bytes[i] < 0x20 || bytes[i] > 0x7e) {
                    throw new CommandFailure(what + " " + file + " holds a byte that is not printable ASCII at "
                            + "offset " + i + "; the file holds one line");
                }
                chars[i] = (char) bytes[i];
            }
            return use.apply(chars);
        } catch (UnsupportedOperationException e) {
            throw new CommandFailure(what + " " + file + " is on a file system without POSIX permissions; "
                    + "Ceremony cannot check that only you can read it");
        } catch (IOException e) {
            throw new CommandFailure(what + " " + file + " cannot be read: " + e.getMessage());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }
}
