package dev.ceremony.engine;

import dev.ceremony.text.Printable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A plan's SHA-256 as officers sign it and type it back: 64 lower-case hex digits. Typed, it may
 * be upper case and grouped by spaces or colons; it is compared without them.
 *
 * @param hex the 64 lower-case hex digits
 */
public record PlanHash(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public PlanHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a plan's SHA-256 is 64 lower-case hex digits");
        }
    }

    /**
     * A hash as a person typed it: case, spaces and colons are ignored.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static PlanHash parse(String typed) {
        String digits = typed.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        if (!HEX.matcher(digits).matches()) {
            throw new IllegalArgumentException("'" + Printable.escape(typed) + "' is not a plan's SHA-256: it takes 64 "
                    + "hex digits (spaces and colons between them are ignored), as the plan prints it; this has "
                    + digits.length() + " characters" + (digits.matches("[0-9a-f]*") ? "" : ", not all hex digits"));
        }
        return new PlanHash(digits);
    }

    /** The digits in groups of four, for reading aloud and comparing with the signed plan. */
    public String grouped() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(hex, i, i + 4);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return hex;
    }
}
