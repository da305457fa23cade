package dev.ceremony.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an audit log (or its mirror) to be read as a stream, never whole. */
final class LogFiles {

    private LogFiles() {
    }

    static InputStream open(Path file) {
        try {
            return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
