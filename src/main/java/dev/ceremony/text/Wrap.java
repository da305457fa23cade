package dev.ceremony.text;

import java.util.ArrayList;
import java.util.List;

/** Wraps a line of text for paper: at spaces where it can, hard where a word is too long. */
public final class Wrap {

    private Wrap() {
    }

    /** {@code text} cut into lines of at most {@code width}; continuation lines start with {@code indent}. */
    public static List<String> lines(String text, int width, String indent) {
        if (indent.length() >= width) {
            throw new IllegalArgumentException("the indent must be narrower than the line");
        }
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= indent.length()) {
                cut = width;
            }
            lines.add(rest.substring(0, cut));
            rest = indent + rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }
}
