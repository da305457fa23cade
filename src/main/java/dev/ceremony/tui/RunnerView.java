package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.text.Printable;
import dev.ceremony.text.Wrap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A ceremony while it runs: the steps, marked done, current, pending, or where it ended undone;
 * the current step's instruction in full; the last lines the engine said; a progress bar with count, rate and ETA; and
 * a waiting box while the engine works (a key generation, a batch). Only the engine's worker
 * changes it, through {@link Ui#later}; the keys it takes are for after the end.
 */
final class RunnerView implements View {

    /** Lines of what was said kept for the screen (the transcript keeps everything). */
    private static final int KEPT = 200;
    /** Verdicts kept for the review table; a larger batch is summed up, not listed. */
    static final int REVIEW_ROWS = 10_000;

    private final Ui ui;
    private final String script;
    private final List<String> steps;
    private final Runnable home;
    private int current = -1;
    private ScriptStep step;
    private final Deque<String> said = new ArrayDeque<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    private long verdictCount;
    private Optional<Progress> progress = Optional.empty();
    private boolean busy;
    private Optional<String> ended = Optional.empty();
    /** Whether the run ended by completing its last step; else the step it ended in did not complete. */
    private boolean completed;
    /** Rows the end of the run and the progress bar took at the last draw. */
    private int footerRows;

    /** The progress of a long task, with when it began, for the rate and the ETA. */
    private record Progress(String task, long done, long total, Instant started, Instant now) {

        String line(int width) {
            double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
            double rate = done / seconds;
            String eta = rate <= 0 || done == 0 ? "--:--" : clock((long) ((total - done) / rate));
            String text = String.format(" %d of %d  %.0f/s  ETA %s", done, total, rate, eta);
            int barWidth = Math.max(10, width - text.length() - task.length() - 4);
            int filled = total == 0 ? barWidth : (int) (barWidth * Math.min(1.0, (double) done / total));
            return task + " [" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]" + text;
        }

        private static String clock(long seconds) {
            return String.format("%d:%02d", seconds / 60, seconds % 60);
        }
    }

    RunnerView(Ui ui, String script, List<String> steps, Runnable home) {
        this.ui = ui;
        this.script = script;
        this.steps = List.copyOf(steps);
        this.home = home;
    }

    /** The script this runner runs. */
    String script() {
        return script;
    }

    @Override
    public String title() {
        return "ceremony " + script + (ended.isPresent() ? " (ended)" : "");
    }

    @Override
    public String hints() {
        return ended.isPresent() ? "Enter: back to the home screen" : "the ceremony runs: answer each box as it comes";
    }

    @Override
    public void draw(Canvas canvas) {
        // From the bottom up, each on rows of its own: the end of the run, the progress bar, then the
        // steps and what was said above them. Nothing is drawn over anything else.
        int bottom = canvas.height();
        if (ended.isPresent()) {
            bottom -= canvas.rowsFor(0, ended.get());
            canvas.bold(bottom, 0, ended.get());
            bottom--;
        }
        if (progress.isPresent()) {
            String line = progress.get().line(canvas.width());
            bottom -= canvas.rowsFor(0, line);
            canvas.text(bottom, 0, line);
        }
        footerRows = canvas.height() - bottom;
        int listWidth = Math.min(26, canvas.width() / 3);
        Canvas list = canvas.region(0, 0, listWidth - 1, bottom);
        for (int i = 0; i < steps.size() && i < list.height(); i++) {
            // [x] done; [!] the step the run ended in without completing it (refused, declined, stopped).
            String mark = i < current || (i == current && completed) ? "[x] "
                    : i == current && ended.isPresent() ? "[!] " : i == current ? "[>] " : "[ ] ";
            // A step's name cut here is marked, and shows whole at the right as "Step n of m: name".
            String line = Canvas.fit(mark + steps.get(i), list.width());
            if (i == current) {
                list.reverse(i, 0, line);
            } else {
                list.text(i, 0, line);
            }
        }
        Canvas right = canvas.region(0, listWidth + 1, canvas.width() - listWidth - 1, bottom);
        int row = 0;
        if (step != null) {
            row = right.bold(row, 0, "Step " + (current + 1) + " of " + steps.size() + ": " + step.id());
        }
        if (ui.dialog().isPresent()) {
            // A box covers the rest: only the steps and the step's name stay above it, never the
            // start of a sentence or of a hash whose end is under the box.
            return;
        }
        if (step != null) {
            row = right.text(row, 0, step.instruction()) + 1;
        }
        // The last things said that fit, each whole: never the tail of a line whose start scrolled away.
        List<String> recent = new ArrayList<>();
        for (Iterator<String> newest = said.descendingIterator(); newest.hasNext(); ) {
            List<String> lines = Wrap.lines(Printable.escapeHidden(newest.next()), right.width(), "  ");
            if (recent.size() + lines.size() > right.height() - row) {
                if (recent.isEmpty()) {
                    // Taller than the room: its start, and the canvas counts the rest.
                    recent.addAll(lines);
                }
                break;
            }
            recent.addAll(0, lines);
        }
        right.lines(row, 0, recent);
        if (busy && ended.isEmpty()) {
            int boxWidth = Math.min(44, canvas.width());
            List<String> lines = new ArrayList<>(Wrap.lines("Working on step '" + (step == null ? "" : step.id())
                    + "'...", boxWidth - 4, "  "));
            lines.add("Do not remove the token.");
            Canvas box = canvas.region(Math.max(0, canvas.height() / 2 - 2), (canvas.width() - boxWidth) / 2, boxWidth,
                    lines.size() + 2);
            box.frame("Please wait");
            box.region(1, 2, boxWidth - 4, lines.size()).lines(0, 0, lines);
        }
    }

    @Override
    public int footerRows() {
        return footerRows;
    }

    @Override
    public void key(KeyStroke key) {
        if (ended.isPresent() && key.getKeyType() == KeyType.Enter) {
            home.run();
        }
    }

    void step(int number, ScriptStep shown) {
        current = number - 1;
        step = shown;
        progress = Optional.empty();
        busy = true;
    }

    void say(String line) {
        said.addLast(line);
        while (said.size() > KEPT) {
            said.removeFirst();
        }
    }

    void progress(String task, long done, long total, Instant now) {
        Instant started = progress.filter(p -> p.task().equals(task) && p.done() <= done).map(Progress::started)
                .orElse(now);
        progress = Optional.of(new Progress(task, done, total, started, now));
    }

    void verdict(Verdict verdict) {
        verdictCount++;
        if (verdicts.size() < REVIEW_ROWS) {
            verdicts.add(verdict);
        }
    }

    /** The verdicts of the review so far, and how many there were in all. */
    List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    long verdictCount() {
        return verdictCount;
    }

    void busy(boolean working) {
        busy = working;
    }

    /** The run ended, saying {@code outcome}; {@code completed} when its last step completed. */
    void ended(String outcome, boolean completed) {
        ended = Optional.of(outcome);
        this.completed = completed;
        busy = false;
    }
}
