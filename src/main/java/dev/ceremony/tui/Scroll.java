package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;

/**
 * A window onto lines longer than the rows a box has for them: Up/Down and PgUp/PgDn move it, and
 * its last row says how many lines are below (or above), so nothing is out of sight unannounced.
 * It remembers whether the last line has been on the screen, for boxes that are answered only
 * once everything in them was shown.
 */
final class Scroll {

    private int top;
    private int page = 1;
    private int total;
    private int seen;

    /**
     * Draws the window of {@code lines} (laid out to the canvas's width) in {@code rows} rows from
     * {@code row}; returns the row after them.
     */
    int draw(Canvas canvas, int row, int rows, List<String> lines) {
        return draw(canvas, row, rows, lines, "");
    }

    /** As {@link #draw(Canvas, int, int, List)}, with {@code why} before the count of the lines below. */
    int draw(Canvas canvas, int row, int rows, List<String> lines, String why) {
        total = lines.size();
        if (total <= rows) {
            top = 0;
            page = Math.max(1, rows);
            seen = total;
            canvas.lines(row, 0, lines);
            return row + rows;
        }
        page = Math.max(1, rows - 1);
        top = Math.max(0, Math.min(top, total - page));
        seen = Math.max(seen, top + page);
        canvas.lines(row, 0, lines.subList(top, top + page));
        int below = total - top - page;
        if (below > 0) {
            canvas.reverse(row + page, 0, why + below + " more line(s) below: Down or PgDn");
        } else {
            canvas.text(row + page, 0, "(end; " + top + " line(s) above: Up or PgUp)");
        }
        return row + rows;
    }

    /** Moves the window for Up, Down, PgUp and PgDn; true when the key was one of them. */
    boolean key(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowDown -> top++;
            case ArrowUp -> top = Math.max(0, top - 1);
            case PageDown -> top += page;
            case PageUp -> top = Math.max(0, top - page);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** True once the last line has been drawn (and before anything was drawn, false). */
    boolean seenAll() {
        return total > 0 && seen >= total;
    }

    /** True when the lines did not all fit at the last draw. */
    boolean scrolls() {
        return total > page;
    }
}
