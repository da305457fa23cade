package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.pki.csr.RequestSummary;
import dev.ceremony.pki.csr.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The review gate on screen: a table of the imported requests (file, subject, names, key,
 * verdict); Enter opens a row's requested and issued values side by side, with each refusal and its
 * rule. Every valid request is marked for signing; Space leaves the chosen one out (or takes it
 * back), and 'Y' approves the marked ones; the administrator and the witness then confirm.
 */
final class ReviewDialog implements View {

    private static final String FOOTER = "[x] is signed. Space leaves a request out. Y: approve the marked ones.";

    private final Ui ui;
    private final List<Verdict> verdicts;
    private final long total;
    private final CompletableFuture<Set<String>> approved;
    private final Set<Integer> leftOut = new TreeSet<>();
    private int selected;

    /** @param approved completed with the sources of the valid requests the officer left out */
    ReviewDialog(Ui ui, List<Verdict> verdicts, long total, CompletableFuture<Set<String>> approved) {
        this.ui = ui;
        this.verdicts = List.copyOf(verdicts);
        this.total = total;
        this.approved = approved;
    }

    @Override
    public String title() {
        long accepted = verdicts.stream().filter(Verdict::accepted).count();
        return "Review: " + accepted + " valid, " + (verdicts.size() - accepted) + " refused, "
                + (accepted - leftOut.size()) + " to sign";
    }

    @Override
    public String hints() {
        return "Space: sign / leave out | Enter: requested vs issued | Y: approve";
    }

    @Override
    public int rows() {
        return 19;
    }

    @Override
    public void draw(Canvas canvas) {
        int width = canvas.width();
        List<String> notes = new ArrayList<>();
        if (total > verdicts.size()) {
            notes.add("Only the first " + verdicts.size() + " of " + total + " requests are listed; the audit log "
                    + "holds every verdict.");
        }
        String cutNote = "A value ending in " + Canvas.CUT_MARK + " is cut here; Enter shows it whole.";
        int noteRows = canvas.rowsFor(0, cutNote) + notes.stream().mapToInt(note -> canvas.rowsFor(0, note)).sum()
                + canvas.rowsFor(0, FOOTER);
        canvas.bold(0, 0, "    " + row("FILE", "SUBJECT", "NAMES", "KEY", "VERDICT", width - 4));
        int visible = Math.max(1, canvas.height() - 2 - noteRows);
        int first = Math.max(0, Math.min(selected - visible / 2, verdicts.size() - visible));
        boolean cut = false;
        for (int i = 0; i < visible && first + i < verdicts.size(); i++) {
            Verdict verdict = verdicts.get(first + i);
            RequestSummary requested = verdict.requested().orElse(null);
            String mark = !verdict.accepted() ? " -  " : leftOut.contains(first + i) ? "[ ] " : "[x] ";
            String line = mark + row(verdict.source(), requested == null ? "(unreadable)" : requested.subject(),
                    requested == null ? "" : String.join(",", requested.alternativeNames()),
                    requested == null ? "" : requested.key(), verdict.accepted() ? "valid" : "REFUSED", width - 4);
            cut |= line.contains(Canvas.CUT_MARK);
            if (first + i == selected) {
                canvas.reverse(1 + i, 0, line);
            } else {
                canvas.text(1 + i, 0, line);
            }
        }
        if (cut) {
            notes.add(0, cutNote);
        }
        int row = canvas.height() - canvas.rowsFor(0, FOOTER) - notes.stream().mapToInt(note -> canvas.rowsFor(0,
                note)).sum();
        for (String note : notes) {
            row = canvas.text(row, 0, note);
        }
        canvas.bold(row, 0, FOOTER);
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.ArrowDown) {
            selected = Math.min(verdicts.size() - 1, selected + 1);
        } else if (key.getKeyType() == KeyType.ArrowUp) {
            selected = Math.max(0, selected - 1);
        } else if (key.getKeyType() == KeyType.Enter && !verdicts.isEmpty()) {
            ui.open(new RequestDialog(ui, verdicts.get(selected)));
        } else if (key.getKeyType() == KeyType.Character && key.getCharacter() == ' ' && !verdicts.isEmpty()
                && verdicts.get(selected).accepted()) {
            if (!leftOut.remove(selected)) {
                leftOut.add(selected);
            }
        } else if (key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == 'y') {
            ui.close(this);
            Set<String> sources = new TreeSet<>();
            leftOut.forEach(index -> sources.add(verdicts.get(index).source()));
            approved.complete(sources);
        }
    }

    private static String row(String file, String subject, String names, String key, String verdict, int width) {
        int keyWidth = 9;
        int fileWidth = Math.max(8, width * 24 / 100);
        int subjectWidth = Math.max(10, width * 29 / 100);
        int namesWidth = Math.max(6, width - fileWidth - subjectWidth - keyWidth - 12);
        // Escaped before padding, so that an escape sequence cannot push the columns out of line.
        return cell(file, fileWidth) + " " + cell(subject, subjectWidth) + " " + cell(names, namesWidth) + " "
                + cell(key, keyWidth) + " " + verdict;
    }

    /** One cell of the table: cut with the mark when it is too long; the request's box shows it whole. */
    private static String cell(String text, int width) {
        return Canvas.fit(dev.ceremony.text.Printable.escapeHidden(text), width);
    }
}
