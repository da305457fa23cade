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
    private int first;
    private int page = 20;

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
        page = Math.max(1, canvas.height());
        first = Math.max(0, Math.min(first, wrapped.size() - page));
        canvas.lines(0, 0, wrapped.subList(first, Math.min(wrapped.size(), first + page)));
    }

    @Override
    public void key(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowDown -> first++;
            case ArrowUp -> first = Math.max(0, first - 1);
            case PageDown -> first += page - 1;
            case PageUp -> first = Math.max(0, first - page + 1);
            case Escape -> back.run();
            default -> {
                if (key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == 'q') {
                    back.run();
                }
            }
        }
    }
}
