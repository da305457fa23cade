package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/** A list of choices moved through with Up/Down and taken with Enter, or with an item's letter. */
final class Menu {

    /** One choice: its key letter (or a space for none), its text and what it does. */
    record Item(char letter, String text, Runnable action) {
    }

    private final List<Item> items;
    private int selected;

    Menu(List<Item> items) {
        this.items = List.copyOf(items);
    }

    int selected() {
        return selected;
    }

    /** Draws the items from a row on, one a row; returns the row after them. */
    int draw(Canvas canvas, int row, int column) {
        return draw(canvas, row, column, 1);
    }

    /** Rows the items take in {@code columns} columns (filled top to bottom, then left to right). */
    int rows(int columns) {
        return (items.size() + columns - 1) / Math.max(1, columns);
    }

    /**
     * Draws the items in {@code columns} columns side by side (a column as wide as its longest
     * item, at least 30), from a row on; returns the row after them.
     */
    int draw(Canvas canvas, int row, int column, int columns) {
        int rows = rows(columns);
        int x = column;
        for (int first = 0; first < items.size(); first += rows) {
            int widest = 0;
            for (int i = first; i < Math.min(items.size(), first + rows); i++) {
                Item item = items.get(i);
                String line = (item.letter() == ' ' ? "    " : "[" + item.letter() + "] ") + item.text();
                widest = Math.max(widest, Math.max(line.length() + 1, 30));
                if (i == selected) {
                    canvas.reverse(row + i - first, x, Canvas.pad(line, Math.max(line.length() + 1, 30)));
                } else {
                    canvas.text(row + i - first, x, line);
                }
            }
            x += widest + 2;
        }
        return row + rows;
    }

    /** True when the key moved or took a choice. */
    boolean key(KeyStroke key) {
        if (items.isEmpty()) {
            return false;
        }
        if (key.getKeyType() == KeyType.ArrowDown) {
            selected = (selected + 1) % items.size();
            return true;
        }
        if (key.getKeyType() == KeyType.ArrowUp) {
            selected = (selected + items.size() - 1) % items.size();
            return true;
        }
        if (key.getKeyType() == KeyType.Enter) {
            items.get(selected).action().run();
            return true;
        }
        if (key.getKeyType() == KeyType.Character) {
            char pressed = Character.toUpperCase(key.getCharacter());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).letter() == pressed) {
                    selected = i;
                    items.get(i).action().run();
                    return true;
                }
            }
        }
        return false;
    }
}
