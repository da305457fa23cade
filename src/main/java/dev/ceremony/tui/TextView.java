package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;

/** A page of text (the status in full, an audit log check, a plan) to scroll through. */
final class TextView implements View {

    private final String title;
    private final List<String> lines;
    private final Runnable back;
    private final Scroll scroll = new Scroll();

    TextView(String title, List<String> lines, Runnable back) {
        this.title = title;
        this.lines = List.copyOf(lines);
        this.back = back;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String hints() {
        return "Up/Down, PgUp/PgDn: scroll | Esc: back";
    }

    @Override
    public void draw(Canvas canvas) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(line.isEmpty() ? List.of("") : Wrap.lines(line, canvas.width(), "    "));
        }
        scroll.draw(canvas, 0, canvas.height(), wrapped);
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape || (key.getKeyType() == KeyType.Character
                && Character.toLowerCase(key.getCharacter()) == 'q')) {
            back.run();
        } else {
            scroll.key(key);
        }
    }
}
