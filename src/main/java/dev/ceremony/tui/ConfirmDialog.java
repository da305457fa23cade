package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.Confirmation;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.text.KebabCase;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One role confirms one step, by name: the box says who (role and name) confirms what, and the
 * answer is recorded with that name. 'A' aborts the ceremony instead, after asking the reason.
 */
final class ConfirmDialog implements View {

    private final Ui ui;
    private final ScriptStep step;
    private final Role role;
    private final String name;
    private final CompletableFuture<Confirmation> answer;

    ConfirmDialog(Ui ui, ScriptStep step, Role role, String name, CompletableFuture<Confirmation> answer) {
        this.ui = ui;
        this.step = step;
        this.role = role;
        this.name = name;
        this.answer = answer;
    }

    @Override
    public String title() {
        return "Confirmation by the " + KebabCase.of(role);
    }

    @Override
    public String hints() {
        return "Enter: " + name + " confirms | A: abort (asks the reason)";
    }

    @Override
    public int rows() {
        return 12;
    }

    @Override
    public void draw(Canvas canvas) {
        List<String> lines = new ArrayList<>();
        lines.addAll(Wrap.lines("The " + KebabCase.of(role) + ", " + name + ", confirms step '" + step.id() + "' ("
                + KebabCase.of(step.action()) + "):", canvas.width(), ""));
        lines.add("");
        for (String line : Wrap.lines(step.instruction(), canvas.width() - 2, "")) {
            lines.add("  " + line);
        }
        canvas.lines(0, 0, lines);
        canvas.bold(canvas.height() - 2, 0, "Enter: I, " + name + ", confirm.");
        canvas.text(canvas.height() - 1, 0, "A: abort the ceremony.");
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Enter) {
            ui.close(this);
            answer.complete(Confirmation.confirmed(name, false));
        } else if (key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == 'a') {
            ui.open(new InputDialog(ui, "Abort the ceremony", "Why is the ceremony aborted? The reason goes into the "
                    + "audit log and the transcript.", "", reason -> reason.isBlank() ? Optional.of("Give a reason.")
                            : Optional.empty(), reason -> {
                                ui.close(this);
                                answer.complete(Confirmation.declined(name, reason));
                            }, () -> { }));
        }
    }
}
