package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Masked PIN entry, with the token's PIN flags (count low, final try) shown above the field. */
final class PinDialog implements View {

    private final Ui ui;
    private final String prompt;
    private final Optional<PinState> flags;
    private final CompletableFuture<Optional<Pin>> answer;
    private final SecretField field = new SecretField();

    PinDialog(Ui ui, String prompt, Optional<PinState> flags, CompletableFuture<Optional<Pin>> answer) {
        this.ui = ui;
        this.prompt = prompt;
        this.flags = flags;
        this.answer = answer;
    }

    @Override
    public String title() {
        return "PIN";
    }

    @Override
    public String hints() {
        return "type the PIN | Backspace: delete | Enter: log in | Esc: stop the ceremony";
    }

    @Override
    public int rows() {
        return 8;
    }

    @Override
    public void draw(Canvas canvas) {
        int row = canvas.text(0, 0, prompt + ":");
        row = canvas.text(row, 0, "PIN flags: " + flags.map(PinState::describe).orElse("not known")) + 1;
        row = canvas.text(row, 0, "PIN: [" + Canvas.pad(field.masked(), Math.min(canvas.width() - 8, 32)) + "]") + 1;
        canvas.text(row, 0, "Only stars are shown. The PIN is never written anywhere.");
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Escape) {
            field.clear();
            ui.close(this);
            answer.complete(Optional.empty());
        } else if (key.getKeyType() == KeyType.Enter && field.length() > 0) {
            ui.close(this);
            answer.complete(Optional.of(field.take()));
        } else {
            field.key(key);
        }
    }
}
