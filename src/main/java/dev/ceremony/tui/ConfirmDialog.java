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
    /** The first line of the text on the screen, and the most lines seen so far. */
    private int top;
    private int seen;
    private int pageRows = 1;
    private int textLines = Integer.MAX_VALUE;
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
        return "Enter: " + name + " confirms | PgDn/PgUp: scroll | A: abort";
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
        List<String> lines = text(canvas.width());
        pageRows = Math.max(1, canvas.height() - 3);
        textLines = lines.size();
        top = Math.max(0, Math.min(top, textLines - pageRows));
        seen = Math.max(seen, Math.min(textLines, top + pageRows));
        canvas.lines(0, 0, lines.subList(top, Math.min(textLines, top + pageRows)));
        int below = textLines - top - pageRows;
        if (below > 0) {
            canvas.reverse(canvas.height() - 3, 0, (warned ? "Read to the end before confirming: " : "")
                    + below + " more line(s) below: Down or PgDn");
        } else if (top > 0) {
            canvas.text(canvas.height() - 3, 0, "(end; " + top + " line(s) above: Up or PgUp)");
        }
        canvas.bold(canvas.height() - 2, 0, "Enter: I, " + name + ", confirm.");
        canvas.text(canvas.height() - 1, 0, "A: abort the ceremony.");
    }

    @Override
    public void key(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowDown -> top++;
            case ArrowUp -> top = Math.max(0, top - 1);
            case PageDown -> top += pageRows;
            case PageUp -> top = Math.max(0, top - pageRows);
            default -> { }
        }
        if (key.getKeyType() == KeyType.Enter) {
            if (seen < textLines) {
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
