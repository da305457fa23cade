package dev.ceremony.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.ceremony.text.Printable;
import java.util.List;

/**
 * A rectangle of the terminal to write text into, row by row. Every string is escaped on the way
 * ({@link Printable#escapeHidden}): control, bidi and other non-printing characters never reach
 * the terminal, whatever a view hands over (views escape outside text where it comes in). Styles are bold and reverse only, so that it reads on the
 * Linux console's 8 colours and in monochrome.
 */
final class Canvas {

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

    /** Text at a row and column, cut at the right edge. */
    void text(int row, int column, String text) {
        put(row, column, text, false, false);
    }

    void bold(int row, int column, String text) {
        put(row, column, text, true, false);
    }

    /** Reverse video: the selected line, the title and the key hints. */
    void reverse(int row, int column, String text) {
        put(row, column, text, false, true);
    }

    /** A whole row in reverse video, padded to the width. */
    void bar(int row, String text) {
        put(row, 0, pad(text, width), true, true);
    }

    /** Lines from a row on, as many as fit; returns the row after the last one written. */
    int lines(int row, int column, List<String> lines) {
        for (String line : lines) {
            if (row >= height) {
                break;
            }
            text(row++, column, line);
        }
        return row;
    }

    /** A part of this canvas, for a dialog or a column. */
    Canvas region(int row, int column, int regionWidth, int regionHeight) {
        return new Canvas(graphics, left + column, top + row, Math.min(regionWidth, width - column),
                Math.min(regionHeight, height - row));
    }

    /** Blanks the canvas and draws a frame around it (a dialog over the page). */
    void frame(String title) {
        for (int row = 0; row < height; row++) {
            put(row, 0, " ".repeat(width), false, false);
        }
        String horizontal = "+" + "-".repeat(Math.max(0, width - 2)) + "+";
        put(0, 0, horizontal, false, false);
        put(height - 1, 0, horizontal, false, false);
        for (int row = 1; row < height - 1; row++) {
            put(row, 0, "|", false, false);
            put(row, width - 1, "|", false, false);
        }
        put(0, 2, " " + title + " ", true, false);
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text.substring(0, Math.max(0, width)) : text + " ".repeat(width - text.length());
    }

    private void put(int row, int column, String text, boolean bold, boolean reverse) {
        if (row < 0 || row >= height || column >= width) {
            return;
        }
        String shown = Printable.escapeHidden(text);
        if (column + shown.length() > width) {
            shown = shown.substring(0, Math.max(0, width - column));
        }
        graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
        graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
        graphics.clearModifiers();
        if (bold) {
            graphics.enableModifiers(SGR.BOLD);
        }
        if (reverse) {
            graphics.enableModifiers(SGR.REVERSE);
        }
        graphics.putString(left + column, top + row, shown);
        graphics.clearModifiers();
    }
}
