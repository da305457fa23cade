package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.Confirmation;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.text.Facts;
import dev.ceremony.text.KebabCase;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One role confirms one step, by name: the box says who (role and name) confirms what, shows in
 * full what the step is about to create (or did), and the answer is recorded with that name. Text
 * is wrapped, never cut; when it is longer than the box, it scrolls, and Enter confirms only once
 * the last line has been on the screen. 'A' aborts the ceremony instead, after asking the reason.
 */
final class ConfirmDialog implements View {

    private final Ui ui;
    private final ScriptStep step;
    private final Role role;
    private final String name;
    private final Facts shown;
    private final CompletableFuture<Confirmation> answer;
    /** The text's window; Enter confirms only once it has shown the last line. */
    private final Scroll scroll = new Scroll();
    private boolean warned;

    ConfirmDialog(Ui ui, ScriptStep step, Role role, String name, Facts shown,
            CompletableFuture<Confirmation> answer) {
        this.ui = ui;
        this.step = step;
        this.role = role;
        this.name = name;
        this.shown = shown;
        this.answer = answer;
    }

    @Override
    public String title() {
        return "Confirmation by the " + KebabCase.of(role);
    }

    @Override
    public String hints() {
        // Enter is refused until the end was shown, so until then the bar says what to do instead.
        return scroll.seenAll() ? "Enter: " + name + " confirms | PgDn/PgUp: scroll | A: abort"
                : "PgDn: read to the end first, then confirm | PgUp: back | A: abort";
    }

    @Override
    public int rows() {
        return 60;
    }

    /** The text of the box at {@code width} columns: who confirms what, the instruction, then the facts. */
    List<String> text(int width) {
        List<String> lines = new ArrayList<>(Wrap.lines("The " + KebabCase.of(role) + ", " + name + ", confirms step '"
                + step.id() + "' (" + KebabCase.of(step.action()) + "):", width, ""));
        for (String line : Wrap.lines(step.instruction(), width - 2, "")) {
            lines.add("  " + line);
        }
        if (!shown.isEmpty()) {
            lines.add("");
            lines.addAll(shown.lines(width));
        }
        return lines;
    }

    @Override
    public void draw(Canvas canvas) {
        int footerRows = 1 + Math.max(canvas.rowsFor(0, confirmLine(false)), canvas.rowsFor(0, confirmLine(true)));
        scroll.draw(canvas, 0, Math.max(2, canvas.height() - footerRows), text(canvas.width()),
                warned ? "Read to the end before confirming: " : "");
        // After the window, which may have just shown the last line.
        int row = canvas.bold(canvas.height() - footerRows, 0, confirmLine(scroll.seenAll()));
        canvas.text(row, 0, "A: abort the ceremony.");
    }

    /** What Enter does, or (before the end was shown) what to do first. */
    private String confirmLine(boolean readAll) {
        return (readAll ? "" : "Read to the end first (PgDn); then ") + "Enter: I, " + name + ", confirm.";
    }

    @Override
    public void key(KeyStroke key) {
        scroll.key(key);
        if (key.getKeyType() == KeyType.Enter) {
            if (!scroll.seenAll()) {
                warned = true;
                return;
            }
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
