package dev.ceremony.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.ceremony.text.Printable;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;

/**
 * A rectangle of the terminal to write text into, row by row. Text is never cut silently (issue
 * 16): {@link #text}, {@link #bold}, {@link #reverse} and {@link #lines} wrap at the right edge and
 * return the row after what they wrote, so the caller lays out what follows under it; lines that
 * do not fit below are counted on the last row. Only a one-line cell (a table column, a title, the
 * bars) may be cut, with {@link #fit}, and then it ends in {@link #CUT_MARK}; the view shows the
 * whole value elsewhere. Every string is escaped on the way ({@link Printable#escapeHidden}):
 * control, bidi and other non-printing characters never reach the terminal. Styles are bold and
 * reverse only, so that it reads on the Linux console's 8 colours and in monochrome.
 */
final class Canvas {

    /** The end of a one-line cell that was cut; ASCII, as the Linux console's fonts may lack an ellipsis. */
    static final String CUT_MARK = "...";

    /** The indent of an entry's further lines. */
    private static final String ENTRY_INDENT = "  ";

    private enum Style {
        PLAIN, BOLD, REVERSE, BAR
    }

    private final TextGraphics graphics;
    private final int left;
    private final int top;
    private final int width;
    private final int height;

    Canvas(TextGraphics graphics, int left, int top, int width, int height) {
        this.graphics = graphics;
        this.left = left;
        this.top = top;
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Text from a row and column, wrapped at the right edge; returns the row after its last line. */
    int text(int row, int column, String text) {
        return write(row, column, text, "", Style.PLAIN);
    }

    int bold(int row, int column, String text) {
        return write(row, column, text, "", Style.BOLD);
    }

    /** Reverse video: the selected line, the title and the key hints. */
    int reverse(int row, int column, String text) {
        return write(row, column, text, "", Style.REVERSE);
    }

    /** An entry of a list, wrapped with its further lines indented, so that they read as part of it. */
    int entry(int row, int column, String text) {
        return write(row, column, text, ENTRY_INDENT, Style.PLAIN);
    }

    /** A whole row in bold reverse video, padded to the width; a text too long ends in the cut mark. */
    void bar(int row, String text) {
        put(row, 0, fit(Printable.escapeHidden(text), width), Style.BAR);
    }

    /**
     * Lines from a row on, each wrapped; returns the row after the last one written. What does not
     * fit below is not dropped silently: the last row says how many lines are not shown.
     */
    int lines(int row, int column, List<String> lines) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(wrap(line, width - column, ""));
        }
        return rows(row, column, wrapped, Style.PLAIN);
    }

    /** Lines already laid out to fit (a scrolled window, a table): as {@link #lines}, in reverse video. */
    int reverseLines(int row, int column, List<String> lines) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(wrap(line, width - column, ""));
        }
        return rows(row, column, wrapped, Style.REVERSE);
    }

    /** How many rows {@code text} takes from {@code column} on, wrapped as {@link #text} wraps it. */
    int rowsFor(int column, String text) {
        return wrap(text, width - column, "").size();
    }

    /** How many rows {@code text} takes from {@code column} on, wrapped as {@link #entry} wraps it. */
    int entryRows(int column, String text) {
        return wrap(text, width - column, ENTRY_INDENT).size();
    }

    /** A part of this canvas, for a dialog or a column. */
    Canvas region(int row, int column, int regionWidth, int regionHeight) {
        return new Canvas(graphics, left + column, top + row, Math.min(regionWidth, width - column),
                Math.min(regionHeight, height - row));
    }

    /** Blanks the canvas, so that nothing drawn before shows through. */
    void clear() {
        for (int row = 0; row < height; row++) {
            put(row, 0, " ".repeat(width), Style.PLAIN);
        }
    }

    /** Blanks the canvas and draws a frame around it (a dialog over the page); a title too long is marked cut. */
    void frame(String title) {
        clear();
        String horizontal = "+" + "-".repeat(Math.max(0, width - 2)) + "+";
        put(0, 0, horizontal, Style.PLAIN);
        put(height - 1, 0, horizontal, Style.PLAIN);
        for (int row = 1; row < height - 1; row++) {
            put(row, 0, "|", Style.PLAIN);
            put(row, width - 1, "|", Style.PLAIN);
        }
        String shown = " " + Printable.escapeHidden(title) + " ";
        put(0, 2, shown.length() > width - 3 ? fit(shown, width - 3) : shown, Style.BOLD);
    }

    /** {@code text} padded with spaces to {@code width}; a longer text is left whole (padding never cuts). */
    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /**
     * A one-line cell of exactly {@code width}: padded, or cut and ending in {@link #CUT_MARK}. Only
     * for a value that the view also shows whole (a detail box, the status page).
     */
    static String fit(String text, int width) {
        if (width <= 0) {
            return "";
        }
        if (!cut(text, width)) {
            return pad(text, width);
        }
        return width <= CUT_MARK.length() ? CUT_MARK.substring(0, width)
                : text.substring(0, width - CUT_MARK.length()) + CUT_MARK;
    }

    /** True when {@link #fit} would cut {@code text} at {@code width}. */
    static boolean cut(String text, int width) {
        return text.length() > width;
    }

    private int write(int row, int column, String text, String indent, Style style) {
        return rows(row, column, wrap(text, width - column, indent), style);
    }

    /** Text as the lines it takes in {@code room} columns: escaped, then wrapped (at spaces where it can). */
    private static List<String> wrap(String text, int room, String indent) {
        String shown = Printable.escapeHidden(text);
        if (room <= 0) {
            return List.of();
        }
        if (shown.length() <= room) {
            return List.of(shown);
        }
        return Wrap.lines(shown, room, room > 2 * indent.length() ? indent : "");
    }

    private int rows(int row, int column, List<String> lines, Style style) {
        for (int i = 0; i < lines.size(); i++, row++) {
            if (row >= height) {
                return row;
            }
            int left = lines.size() - i;
            if (row == height - 1 && left > 1) {
                put(row, column, fit(CUT_MARK + " " + left + " more lines not shown", width - column), Style.REVERSE);
                return row + 1;
            }
            put(row, column, lines.get(i), style);
        }
        return row;
    }

    /** One row of text that fits; the only place that writes to the terminal. */
    private void put(int row, int column, String text, Style style) {
        if (row < 0 || row >= height || column < 0 || column >= width) {
            return;
        }
        // Every caller has wrapped or fitted the text; a longer one is a mistake, and shows as one.
        String shown = cut(text, width - column) ? fit(text, width - column) : text;
        graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
        graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
        graphics.clearModifiers();
        if (style == Style.BOLD || style == Style.BAR) {
            graphics.enableModifiers(SGR.BOLD);
        }
        if (style == Style.REVERSE || style == Style.BAR) {
            graphics.enableModifiers(SGR.REVERSE);
        }
        graphics.putString(left + column, top + row, shown);
        graphics.clearModifiers();
    }
}
