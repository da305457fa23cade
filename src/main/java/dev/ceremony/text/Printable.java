package dev.ceremony.text;

/** Makes text that came from outside (a token, a file) safe to show on a terminal. */
public final class Printable {

    private Printable() {
    }

    /** True when {@link #escape} would change nothing but backslashes: no hidden characters. */
    public static boolean isPrintable(String text) {
        return text.codePoints().noneMatch(Printable::hidden);
    }

    /**
     * Escapes control, format (bidi) and other non-printing characters as {@code \\uXXXX}, and
     * backslashes as {@code \\\\}, so that nothing read from a token or a file can move the
     * cursor, recolour the screen or reorder text.
     */
    public static String escape(String text) {
        return escape(text, true);
    }

    /**
     * Escapes only the hidden characters, leaving backslashes as they are: the last guard before
     * the terminal, for text that was escaped already where it came in.
     */
    public static String escapeHidden(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean backslashes) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\\' && backslashes) {
                out.append("\\\\");
            } else if (hidden(cp)) {
                if (cp > 0xFFFF) {
                    out.append(String.format("\\U%08X", cp));
                } else {
                    out.append(String.format("\\u%04X", cp));
                }
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean hidden(int cp) {
        int category = Character.getType(cp);
        return Character.isISOControl(cp)
                || category == Character.FORMAT
                || category == Character.UNASSIGNED
                || category == Character.PRIVATE_USE
                || category == Character.SURROGATE
                || category == Character.LINE_SEPARATOR
                || category == Character.PARAGRAPH_SEPARATOR;
    }
}
