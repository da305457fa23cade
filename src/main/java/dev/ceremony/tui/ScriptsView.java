package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
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
        int row = canvas.bold(0, 0, "Which ceremony?") + 1;
        for (int i = 0; i < scripts.size(); i++) {
            // Two spaces at least between the id and the title, however long the id.
            String line = Canvas.pad(scripts.get(i).id(), 22) + "  " + scripts.get(i).title();
            if (i == selected) {
                row = canvas.reverse(row, 2, Canvas.pad(line, canvas.width() - 4));
            } else {
                row = canvas.text(row, 2, line);
            }
        }
        if (!scripts.isEmpty()) {
            canvas.text(row + 1, 2, scripts.get(selected).description());
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
