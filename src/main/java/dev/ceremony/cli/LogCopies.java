package dev.ceremony.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Compares the audit log with its mirror copy. */
final class LogCopies {

    private LogCopies() {
    }

    /** How the copy differs from the log, in words; empty when they are identical. */
    static Optional<String> difference(byte[] log, byte[] copy) {
        if (Arrays.equals(log, copy)) {
            return Optional.empty();
        }
        String[] ours = new String(log, StandardCharsets.UTF_8).split("\n", -1);
        String[] theirs = new String(copy, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(ours.length, theirs.length); i++) {
            if (!ours[i].equals(theirs[i])) {
                if (i == theirs.length - 1 && ours[i].startsWith(theirs[i])) {
                    break;
                }
                return Optional.of("differs from the log at line " + (i + 1));
            }
        }
        return Optional.of(copy.length < log.length ? "lags behind the log (it ends after " + (theirs.length - 1)
                + " complete records); the next ceremony completes it"
                : "holds more than the log: records were removed from the log or added to the copy");
    }
}
