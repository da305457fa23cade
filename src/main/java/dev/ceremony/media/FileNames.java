package dev.ceremony.media;

import dev.ceremony.records.DigestIndex;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File names for export media: ASCII letters, digits, '.', '_' and '-', no separators, not
 * starting with a dot, at most 100 characters, and unique even when case is ignored, because FAT
 * and exFAT ignore case. The names taken are kept as 64-bit digests, 24 bytes a name, so an export
 * of any size is named in little memory (a digest shared by chance only adds a needless -2).
 */
public final class FileNames {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    private final DigestIndex taken = new DigestIndex();

    /** True for a name that is safe on every file system an export may land on. */
    public static boolean isSafe(String name) {
        return SAFE.matcher(name).matches() && !name.endsWith(".") && !name.contains("..");
    }

    /** A safe stem made from any text (a subject CN, a device id): everything else becomes '_'. */
    public static String stem(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.';
            out.append(keep ? c : '_');
        }
        String stem = out.toString().replaceAll("\\.{2,}", "_").replaceAll("^[._]+", "").replaceAll("\\.+$", "");
        if (stem.isEmpty()) {
            stem = "unnamed";
        }
        return stem.length() > 80 ? stem.substring(0, 80) : stem;
    }

    /** Reserves a stem that no earlier one equals when case is ignored, adding -2, -3, … where needed. */
    public String unique(String text) {
        String stem = stem(text);
        String candidate = stem;
        for (int n = 2; !taken.addNew(DigestIndex.digest(candidate.toLowerCase(Locale.ROOT))); n++) {
            candidate = stem + "-" + n;
        }
        return candidate;
    }
}
