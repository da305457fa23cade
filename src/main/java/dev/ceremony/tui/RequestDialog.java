package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.pki.csr.Refusal;
import dev.ceremony.pki.csr.RequestSummaries;
import dev.ceremony.pki.csr.RequestSummary;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.text.Printable;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of the review, requested and issued values side by side (subject, names, key,
 * extensions), and under them every rule that refused it, with the reason.
 */
final class RequestDialog implements View {

    private final Ui ui;
    private final Verdict verdict;
    private final Scroll scroll = new Scroll();

    RequestDialog(Ui ui, Verdict verdict) {
        this.ui = ui;
        this.verdict = verdict;
    }

    @Override
    public String title() {
        return verdict.source() + (verdict.accepted() ? ": valid" : ": REFUSED");
    }

    @Override
    public String hints() {
        return "Enter or Esc: back to the table" + (scroll.scrolls() ? " | PgDn/PgUp: scroll" : "");
    }

    @Override
    public int rows() {
        return 20;
    }

    @Override
    public void draw(Canvas canvas) {
        scroll.draw(canvas, 0, canvas.height(), lines(canvas.width()));
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.Enter || key.getKeyType() == KeyType.Escape) {
            ui.close(this);
        } else {
            scroll.key(key);
        }
    }

    /**
     * The file, then the two columns, each cell wrapped in its column, then the refusals across the
     * width. A line is the label, a space, the left column, " | " and the right column: exactly the
     * width, so that no character of the right column falls off the edge.
     */
    List<String> lines(int width) {
        int label = 11;
        int column = Math.max(10, (width - label - 4) / 2);
        List<String> lines = new ArrayList<>(Wrap.lines("file: " + Printable.escapeHidden(verdict.source()), width,
                "  "));
        lines.add("");
        lines.add(Canvas.pad("", label) + " " + Canvas.pad("REQUESTED", column) + " | ISSUED");
        RequestSummary requested = verdict.requested().orElse(null);
        String notIssued = "(not issued)";
        row(lines, label, column, "subject", requested == null ? "(the request could not be read)"
                : requested.subject(), verdict.issued().map(i -> i.subject().toString()).orElse(notIssued));
        row(lines, label, column, "names", requested == null ? "" : String.join(", ", requested.alternativeNames()),
                verdict.issued().map(i -> String.join(", ", i.alternativeNames().stream().map(
                        RequestSummaries::display).toList())).orElse(notIssued));
        row(lines, label, column, "key", requested == null ? "" : requested.key(), verdict.issued().isPresent()
                ? "the same key" : notIssued);
        row(lines, label, column, "extensions", requested == null || requested.extensions().isEmpty() ? "none"
                : String.join(", ", requested.extensions()), verdict.issued().isPresent() ? "the profile's, not the "
                        + "request's" : notIssued);
        for (Refusal refusal : verdict.refusals()) {
            lines.add("");
            lines.addAll(Wrap.lines("Refused by rule " + refusal.rule() + ": " + refusal.reason(), width, "  "));
        }
        return lines;
    }

    private static void row(List<String> lines, int label, int column, String name, String left, String right) {
        List<String> a = cell(left, column);
        List<String> b = cell(right, column);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            lines.add(Canvas.pad(i == 0 ? name : "", label) + " " + Canvas.pad(i < a.size() ? a.get(i) : "", column)
                    + " | " + (i < b.size() ? b.get(i) : ""));
        }
    }

    /** A value wrapped in its column; escaped first, so that an escape cannot push the columns out of line. */
    private static List<String> cell(String value, int column) {
        return value.isEmpty() ? List.of("none") : Wrap.lines(Printable.escapeHidden(value), column, " ");
    }
}
