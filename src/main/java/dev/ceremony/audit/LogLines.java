package dev.ceremony.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads a log line by line from a stream, in one pass, holding one line at a time (however long
 * the log): each complete line is handed over as a byte range without its newline. A final line
 * without a newline is not handed over as a line; its length is returned, and {@link #read(InputStream,
 * Visitor, Visitor)} hands it to a second visitor, which decides whether it is torn or a whole record.
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
        return read(in, visitor, (bytes, from, to) -> { });
    }

    /**
     * Reads to the end as {@link #read(InputStream, Visitor)} does, and hands the bytes after the last
     * newline, if any, to {@code unterminated}.
     */
    public static int read(InputStream in, Visitor visitor, Visitor unterminated) {
        byte[] buffer = new byte[START];
        int filled = 0;
        try {
            while (true) {
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    if (filled > 0) {
                        unterminated.line(buffer, 0, filled);
                    }
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
