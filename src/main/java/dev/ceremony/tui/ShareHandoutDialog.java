package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.ShareHandout;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Shows one share to its custodian, then has them type it back from their paper (masked) so a
 * share written down wrong is caught now, not at the next ceremony. Esc while typing back shows the
 * share again. The share's characters are wiped when the dialog closes.
 */
final class ShareHandoutDialog implements View {

    private final Ui ui;
    private final ShareHandout share;
    private final CompletableFuture<Void> answer;
    private final SecretField field = new SecretField();
    private char[] text;
    private boolean typingBack;
    private String problem = "";

    ShareHandoutDialog(Ui ui, ShareHandout share, CompletableFuture<Void> answer) {
        this.ui = ui;
        this.share = share;
        this.answer = answer;
        this.text = share.text();
    }

    @Override
    public String title() {
        return "Share " + share.index() + " of " + share.quorum().shares() + " for " + share.custodian();
    }

    @Override
    public String hints() {
        return typingBack ? "type the share from your paper | Enter: check | Esc: see the share again"
                : "Enter: I have written it down";
    }

    @Override
    public int rows() {
        return 14;
    }

    @Override
    public void draw(Canvas canvas) {
        String whose = "the " + share.role().word() + " PIN, quorum " + share.quorum().id() + " ("
                + share.quorum().threshold() + " of " + share.quorum().shares() + ")";
        if (!typingBack) {
            int row = canvas.text(0, 0, "Only " + share.custodian() + " looks at the screen now; everyone else looks "
                    + "away. This is share " + share.index() + " of " + whose + ". It is shown once and written "
                    + "nowhere. Write it down, group by group:") + 1;
            row = canvas.bold(row, 2, new String(text).replace("-", " ")) + 1;
            canvas.text(row, 0, "Case does not matter; 0 is zero, 1 is one (there is no O, I or L).");
        } else {
            int row = canvas.text(0, 0, share.custodian() + ": type share " + share.index() + " of " + whose + " back "
                    + "from your paper, to check it was written down right.") + 1;
            row = canvas.text(row, 0, "Share: [" + Canvas.pad(field.masked(), Math.min(canvas.width() - 10, 60)) + "]");
            if (!problem.isEmpty()) {
                canvas.text(row + 1, 0, problem);
            }
        }
    }

    @Override
    public void key(KeyStroke key) {
        if (!typingBack) {
            if (key.getKeyType() == KeyType.Enter) {
                typingBack = true;
                problem = "";
            }
            return;
        }
        if (key.getKeyType() == KeyType.Escape) {
            field.clear();
            typingBack = false;
        } else if (key.getKeyType() == KeyType.Enter && field.length() > 0) {
            boolean same = field.read(share::matches);
            field.clear();
            if (same) {
                Arrays.fill(text, '\0');
                text = new char[0];
                ui.close(this);
                answer.complete(null);
            } else {
                problem = "That is not the share shown: a group differs. Check your paper, or press Esc to see the "
                        + "share again and correct it.";
            }
        } else if (field.key(key)) {
            problem = "";
        }
    }
}
