package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The text with a cursor mark, in lines of {@code width}: all of it, so that a long value (a
     * plan's hash, a folder) can be read back whole while it is typed.
     */
    List<String> lines(int width) {
        String shown = text + "_";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < shown.length(); i += Math.max(1, width)) {
            lines.add(shown.substring(i, Math.min(shown.length(), i + Math.max(1, width))));
        }
        return lines;
    }
}
