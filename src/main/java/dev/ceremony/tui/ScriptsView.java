package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.text.Wrap;
import java.util.List;
import java.util.function.Consumer;

/** The ceremony scripts to choose from, with the chosen one's description. */
final class ScriptsView implements View {

    private final List<Backend.ScriptInfo> scripts;
    private final Consumer<Backend.ScriptInfo> chosen;
    private final Runnable back;
    private int selected;

    ScriptsView(List<Backend.ScriptInfo> scripts, Consumer<Backend.ScriptInfo> chosen, Runnable back) {
        this.scripts = List.copyOf(scripts);
        this.chosen = chosen;
        this.back = back;
    }

    @Override
    public String title() {
        return "run a ceremony";
    }

    @Override
    public String hints() {
        return "Up/Down: choose | Enter: set up this ceremony | Esc: back";
    }

    @Override
    public void draw(Canvas canvas) {
        canvas.bold(0, 0, "Which ceremony?");
        for (int i = 0; i < scripts.size(); i++) {
            String line = Canvas.pad(scripts.get(i).id(), 24) + scripts.get(i).title();
            if (i == selected) {
                canvas.reverse(2 + i, 2, Canvas.pad(line, canvas.width() - 4));
            } else {
                canvas.text(2 + i, 2, line);
            }
        }
        if (!scripts.isEmpty()) {
            canvas.lines(3 + scripts.size(), 2, Wrap.lines(scripts.get(selected).description(), canvas.width() - 4,
                    ""));
        }
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.ArrowDown && !scripts.isEmpty()) {
            selected = (selected + 1) % scripts.size();
        } else if (key.getKeyType() == KeyType.ArrowUp && !scripts.isEmpty()) {
            selected = (selected + scripts.size() - 1) % scripts.size();
        } else if (key.getKeyType() == KeyType.Enter && !scripts.isEmpty()) {
            chosen.accept(scripts.get(selected));
        } else if (key.getKeyType() == KeyType.Escape) {
            back.run();
        }
    }
}
