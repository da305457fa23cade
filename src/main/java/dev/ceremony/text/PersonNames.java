package dev.ceremony.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How Ceremony tells people apart by the names they give: the one rule behind "the witness is
 * someone other than the administrator" and "each custodian of a quorum is named once". Two names
 * are the same when they differ only in case, in spaces at either end or between words, or in
 * how Unicode composes their letters (an "e" with a combining accent is an "é").
 */
public final class PersonNames {

    private PersonNames() {
    }

    /** A name as compared with others: NFKC-normalised, case folded, runs of spaces made one, no spaces at the ends. */
    public static String folded(String name) {
        String normal = Normalizer.normalize(name, Normalizer.Form.NFKC);
        return normal.replaceAll("[\\s\\p{Z}]+", " ").strip().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** True when {@code a} and {@code b} name one person by {@link #folded}. */
    public static boolean same(String a, String b) {
        return folded(a).equals(folded(b));
    }
}
