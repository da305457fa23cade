package dev.ceremony.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads a log line by line from a stream, in one pass, holding one line at a time (however long
 * the log): each complete line is handed over as a byte range without its newline. A torn final
 * line (no newline) is not handed over; its length is returned.
 */
public final class LogLines {

    /** Receives each complete line; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface Visitor {
        void line(byte[] bytes, int from, int to);
    }

    private static final int START = 64 * 1024;

    private LogLines() {
    }

    /** Reads to the end; returns the number of bytes after the last newline (a torn line), usually 0. */
    public static int read(InputStream in, Visitor visitor) {
        byte[] buffer = new byte[START];
        int filled = 0;
        try {
            while (true) {
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    return filled;
                }
                int scanFrom = filled;
                filled += read;
                int lineStart = 0;
                for (int i = scanFrom; i < filled; i++) {
                    if (buffer[i] == '\n') {
                        visitor.line(buffer, lineStart, i);
                        lineStart = i + 1;
                    }
                }
                if (lineStart > 0) {
                    System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                    filled -= lineStart;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log: " + e.getMessage(), e);
        }
    }
}
