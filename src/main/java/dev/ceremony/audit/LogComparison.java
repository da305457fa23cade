package dev.ceremony.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * How a copy of the audit log (its mirror) stands to the log, found by reading both as streams in
 * one pass: identical, lagging (the copy is a beginning of the log: it missed the last writes), longer
 * (the log is a beginning of the copy: records were removed from the log or added to the copy), or
 * different from some line on.
 *
 * @param copyRecords the complete lines the copy holds
 * @param line where the two first differ (1-based), for {@link Kind#DIFFERS}
 */
public record LogComparison(Kind kind, long copyRecords, long line) {

    public enum Kind {
        IDENTICAL, LAGS, LONGER, DIFFERS
    }

    private static final int BUFFER = 64 * 1024;

    public static LogComparison of(InputStream log, InputStream copy) {
        byte[] ours = new byte[BUFFER];
        byte[] theirs = new byte[BUFFER];
        long newlines = 0;
        try {
            while (true) {
                int a = log.readNBytes(ours, 0, BUFFER);
                int b = copy.readNBytes(theirs, 0, BUFFER);
                int common = Math.min(a, b);
                for (int i = 0; i < common; i++) {
                    if (ours[i] != theirs[i]) {
                        return new LogComparison(Kind.DIFFERS, -1, newlines + 1);
                    }
                    if (ours[i] == '\n') {
                        newlines++;
                    }
                }
                if (a == b && a < BUFFER) {
                    return new LogComparison(Kind.IDENTICAL, newlines, -1);
                }
                if (b < a) {
                    return new LogComparison(Kind.LAGS, newlines, -1);
                }
                if (a < b) {
                    return new LogComparison(Kind.LONGER, newlines + count(theirs, common, b) + count(copy), -1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare the audit log with its copy: " + e.getMessage(), e);
        }
    }

    /** Whether the copy can be completed from the log: it is the log, or a beginning of it. */
    public boolean isPrefix() {
        return kind == Kind.IDENTICAL || kind == Kind.LAGS;
    }

    /** How the copy differs from the log, in words; empty when they are identical. */
    public java.util.Optional<String> difference() {
        return switch (kind) {
            case IDENTICAL -> java.util.Optional.empty();
            case LAGS -> java.util.Optional.of("lags behind the log (it ends after " + copyRecords + " complete "
                    + "records); the next ceremony completes it");
            case LONGER -> java.util.Optional.of("holds more than the log: records were removed from the log or added "
                    + "to the copy");
            case DIFFERS -> java.util.Optional.of("differs from the log at line " + line);
        };
    }

    private static long count(byte[] bytes, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += bytes[i] == '\n' ? 1 : 0;
        }
        return n;
    }

    private static long count(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long n = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            n += count(buffer, 0, read);
        }
        return n;
    }
}
