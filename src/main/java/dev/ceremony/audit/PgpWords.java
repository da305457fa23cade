package dev.ceremony.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The PGP word list: a byte in an even position is read as a two-syllable word, in an odd position
 * as a three-syllable word, so that a fingerprint can be read aloud and a swapped or dropped word
 * is heard. The list is data, in {@code pgp-words.txt} beside this class.
 */
public final class PgpWords {

    private static final List<String[]> WORDS = load();

    private PgpWords() {
    }

    /** The words for {@code bytes}, separated by single spaces. */
    public static String of(byte[] bytes) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                words.append(' ');
            }
            words.append(WORDS.get(bytes[i] & 0xff)[i % 2]);
        }
        return words.toString();
    }

    /** The words for a hex string such as a SHA-256. */
    public static String ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    private static List<String[]> load() {
        List<String[]> words = new ArrayList<>();
        try (InputStream in = PgpWords.class.getResourceAsStream("pgp-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("pgp-words.txt is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(" ");
                if (fields.length != 3 || Integer.parseInt(fields[0], 16) != words.size()) {
                    throw new IllegalStateException("pgp-words.txt is damaged near byte " + words.size());
                }
                words.add(new String[] {fields[1], fields[2]});
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read pgp-words.txt", e);
        }
        if (words.size() != 256) {
            throw new IllegalStateException("pgp-words.txt holds " + words.size() + " entries, not 256");
        }
        return List.copyOf(words);
    }
}
