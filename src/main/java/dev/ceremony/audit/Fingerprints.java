package dev.ceremony.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Fingerprints laid out for reading aloud: hex in groups of four and PGP words, eight to a line
 * (a SHA-256 is two lines of hex and four of words), narrower if the width demands it.
 */
public final class Fingerprints {

    /** Groups or words per line, so that readers can keep their place. */
    static final int PER_LINE = 8;

    private Fingerprints() {
    }

    /** {@code ab12 cd34 …}, wrapped. */
    public static List<String> hexLines(String hex, int width) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < hex.length(); i += 4) {
            groups.add(hex.substring(i, Math.min(hex.length(), i + 4)));
        }
        return wrap(groups, width);
    }

    /** The PGP words of the fingerprint, wrapped. */
    public static List<String> wordLines(String hex, int width) {
        return wrap(List.of(PgpWords.ofHex(hex).split(" ")), width);
    }

    static List<String> wrap(List<String> words, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int count = 0;
        for (String word : words) {
            if (line.length() > 0 && (line.length() + 1 + word.length() > width || count == PER_LINE)) {
                lines.add(line.toString());
                line.setLength(0);
                count = 0;
            }
            count++;
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
