package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.quorum.QuorumException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * One custodian types their share, masked. It is checked at Enter (check value, quorum, not given
 * twice); what is wrong is shown under the field and the custodian types it again. Nothing of the
 * share is shown, and nothing is kept once the dialog closes.
 */
final class ShareEntryDialog implements View {

    private final Ui ui;
    private final String prompt;
    private final ToIntFunction<CharSequence> check;
    private final CompletableFuture<Integer> answer;
    private final SecretField field = new SecretField();
    private String problem = "";

    ShareEntryDialog(Ui ui, String prompt, ToIntFunction<CharSequence> check, CompletableFuture<Integer> answer) {
        this.ui = ui;
        this.prompt = prompt;
        this.check = check;
        this.answer = answer;
    }

    @Override
    public String title() {
        return "Custodian's share";
    }

    @Override
    public String hints() {
        return "type your share | Enter: check it | Esc: stop the ceremony";
    }

    @Override
    public int rows() {
        return 12;
    }

    @Override
    public void draw(Canvas canvas) {
        int row = canvas.text(0, 0, prompt + ".") + 1;
        row = canvas.text(row, 0, "Share: [" + Canvas.pad(field.masked(), Math.min(canvas.width() - 10, 60)) + "]");
        row = canvas.text(row, 0, "Only stars are shown. Hyphens and case do not matter. The share is checked here; "
                + "no PIN try is used.");
        if (!problem.isEmpty()) {
            canvas.text(row + 1, 0, problem);
        }
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            field.clear();
            ui.close(this);
            answer.completeExceptionally(new dev.ceremony.engine.StepRefused("the custodians stopped entering shares; "
                    + "no login was tried"));
        } else if (key.getKeyType() == KeyType.Enter && field.length() > 0) {
            try {
                int index = field.read(check::applyAsInt);
                field.clear();
                ui.close(this);
                answer.complete(index);
            } catch (QuorumException e) {
                field.clear();
                problem = "Not taken: " + e.getMessage() + ". Type the share again.";
            }
        } else if (field.key(key)) {
            problem = "";
        }
    }

    /** What the dialog says is wrong, for tests. */
    List<String> problem() {
        return problem.isEmpty() ? List.of() : List.of(problem);
    }
}
