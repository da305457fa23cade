package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Asks for one line of text (a name, a folder, a parameter, an abort reason). What the check
 * says is wrong is shown under the field, and the dialog stays until the text passes or Esc.
 */
final class InputDialog implements View {

    private final Ui ui;
    private final String title;
    private final String prompt;
    private final LineField field;
    private final Function<String, Optional<String>> check;
    private final Consumer<String> done;
    private final Runnable cancelled;
    private String problem = "";

    /**
     * @param check says what is wrong with a text, or nothing when it may be taken
     */
    InputDialog(Ui ui, String title, String prompt, String initial, Function<String, Optional<String>> check,
            Consumer<String> done, Runnable cancelled) {
        this.ui = ui;
        this.title = title;
        this.prompt = prompt;
        this.field = new LineField(initial, 200);
        this.check = check;
        this.done = done;
        this.cancelled = cancelled;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String hints() {
        return "type the text | Backspace: delete | Enter: OK | Esc: cancel";
    }

    @Override
    public int rows() {
        return 10;
    }

    @Override
    public void draw(Canvas canvas) {
        int row = canvas.text(0, 0, prompt) + 1;
        for (String line : field.lines(canvas.width() - 2)) {
            row = canvas.text(row, 0, "[" + Canvas.pad(line, canvas.width() - 2) + "]");
        }
        if (!problem.isEmpty()) {
            canvas.text(row + 1, 0, problem);
        }
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            ui.close(this);
            cancelled.run();
        } else if (key.getKeyType() == KeyType.Enter) {
            Optional<String> wrong = check.apply(field.text().strip());
            if (wrong.isPresent()) {
                problem = wrong.get();
            } else {
                ui.close(this);
                done.accept(field.text().strip());
            }
        } else if (field.key(key)) {
            problem = "";
        }
    }
}
