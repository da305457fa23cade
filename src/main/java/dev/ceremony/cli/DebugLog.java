package dev.ceremony.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

/**
 * The debug log: where stack traces go, so that the screen only ever shows what happened and what
 * to do. Exceptions never carry a PIN, so nothing secret reaches this file.
 */
final class DebugLog {

    /** Environment variable that moves the debug log. */
    static final String ENVIRONMENT = "CEREMONY_DEBUG_LOG";

    private final Path file;

    DebugLog(Path file) {
        this.file = file;
    }

    /** $CEREMONY_DEBUG_LOG, else ~/.local/state/ceremony/debug.log. */
    static DebugLog fromEnvironment(Map<String, String> environment, String userHome) {
        String configured = environment.get(ENVIRONMENT);
        return new DebugLog(configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(userHome, ".local", "state", "ceremony", "debug.log"));
    }

    Path file() {
        return file;
    }

    /** Appends the exception with its stack trace; returns false if the log could not be written. */
    boolean record(String context, Throwable failure) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            out.println(Instant.now() + " " + context);
            failure.printStackTrace(out);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
            }
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
