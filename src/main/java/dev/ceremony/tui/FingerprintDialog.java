package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.audit.Fingerprints;
import java.util.concurrent.CompletableFuture;

/**
 * A SHA-256 to read aloud and compare: in hex, in groups of four, and in PGP words, large enough
 * to read across a table. It stays until the officers press Enter.
 */
final class FingerprintDialog implements View {

    private final Ui ui;
    private final String subject;
    private final String sha256;
    private final CompletableFuture<Void> read;

    FingerprintDialog(Ui ui, String subject, String sha256, CompletableFuture<Void> read) {
        this.ui = ui;
        this.subject = subject;
        this.sha256 = sha256;
        this.read = read;
    }

    @Override
    public String title() {
        return "Read aloud and compare";
    }

    @Override
    public String hints() {
        return "Enter: read aloud and compared";
    }

    @Override
    public int rows() {
        return 16;
    }

    @Override
    public void draw(Canvas canvas) {
        // The subject is compared too: wrapped, never cut at the frame.
        int row = canvas.bold(0, 0, "SHA-256 of " + subject) + 1;
        for (String line : Fingerprints.hexLines(sha256, Math.min(40, canvas.width() - 4))) {
            row = canvas.bold(row, 4, line);
        }
        canvas.lines(row + 1, 4, Fingerprints.wordLines(sha256, canvas.width() - 4));
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Enter) {
            ui.close(this);
            read.complete(null);
        }
    }
}
