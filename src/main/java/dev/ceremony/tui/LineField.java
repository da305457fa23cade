package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** One line of ordinary (not secret) text: a name, a folder, a parameter, a reason. */
final class LineField {

    private final StringBuilder text;
    private final int max;

    LineField(String initial, int max) {
        this.text = new StringBuilder(initial);
        this.max = max;
    }

    /** Takes a key: a printable character, Backspace; true when the key was for the field. */
    boolean key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Backspace) {
            if (text.length() > 0) {
                text.setLength(text.length() - 1);
            }
            return true;
        }
        if (key.getKeyType() == KeyType.Character && !key.isCtrlDown() && !key.isAltDown()
                && !Character.isISOControl(key.getCharacter()) && text.length() < max) {
            text.append(key.getCharacter());
            return true;
        }
        return false;
    }

    String text() {
        return text.toString();
    }

    /** The end of the text that fits {@code width} columns, with a cursor mark. */
    String shown(int width) {
        String shown = text + "_";
        return shown.length() <= width ? shown : shown.substring(shown.length() - width);
    }
}
