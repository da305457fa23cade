package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;

/**
 * A box that says something (an error and what to do next, a result) until Enter or Esc. No
 * stack trace is ever shown: the details of an unexpected error go to the debug log.
 */
final class MessageDialog implements View {

    private final Ui ui;
    private final String title;
    private final List<String> paragraphs;
    private final Runnable then;
    private final Scroll scroll = new Scroll();

    MessageDialog(Ui ui, String title, List<String> paragraphs, Runnable then) {
        this.ui = ui;
        this.title = title;
        this.paragraphs = List.copyOf(paragraphs);
        this.then = then;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String hints() {
        return "Enter: OK" + (scroll.scrolls() ? " | PgDn/PgUp: scroll" : "");
    }

    @Override
    public int rows() {
        return Math.min(20, wrapped(76).size() + 2);
    }

    @Override
    public void draw(Canvas canvas) {
        scroll.draw(canvas, 0, canvas.height() - 1, wrapped(canvas.width()));
        canvas.reverse(canvas.height() - 1, 0, "[ OK ]");
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Enter || key.getKeyType() == KeyType.Escape) {
            ui.close(this);
            then.run();
        } else {
            scroll.key(key);
        }
    }

    private List<String> wrapped(int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : paragraphs) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(Wrap.lines(paragraph, Math.max(10, width), ""));
        }
        return lines;
    }
}
