package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.text.Wrap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A ceremony while it runs: the steps, marked done, current or pending; the current step's
 * instruction in full; the last lines the engine said; a progress bar with count, rate and ETA; and
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
        int listWidth = Math.min(26, canvas.width() / 3);
        for (int i = 0; i < steps.size() && i < canvas.height(); i++) {
            String mark = i < current || (i == current && ended.isPresent()) ? "[x] " : i == current ? "[>] " : "[ ] ";
            String line = Canvas.pad(mark + steps.get(i), listWidth - 1);
            if (i == current) {
                canvas.reverse(i, 0, line);
            } else {
                canvas.text(i, 0, line);
            }
        }
        Canvas right = canvas.region(0, listWidth + 1, canvas.width() - listWidth - 1, canvas.height());
        int row = 0;
        if (step != null) {
            right.bold(row++, 0, "Step " + (current + 1) + " of " + steps.size() + ": " + step.id());
            for (String line : Wrap.lines(step.instruction(), right.width(), "")) {
                if (row >= right.height() / 2) {
                    break;
                }
                right.text(row++, 0, line);
            }
            row++;
        }
        int bottom = canvas.height() - (progress.isPresent() ? 1 : 0);
        List<String> recent = new ArrayList<>();
        for (String line : said) {
            recent.addAll(Wrap.lines(line, right.width(), "  "));
        }
        int shown = Math.max(0, bottom - row);
        right.lines(row, 0, recent.subList(Math.max(0, recent.size() - shown), recent.size()));
        progress.ifPresent(p -> canvas.text(canvas.height() - 1, 0, p.line(canvas.width())));
        if (busy && ended.isEmpty() && ui.dialog().isEmpty()) {
            Canvas box = canvas.region(canvas.height() / 2 - 2, (canvas.width() - 44) / 2, 44, 4);
            box.frame("Please wait");
            box.text(1, 2, "Working on step '" + (step == null ? "" : step.id()) + "'...");
            box.text(2, 2, "Do not remove the token.");
        }
        ended.ifPresent(text -> canvas.bold(Math.min(canvas.height() - 1, steps.size() + 1), 0, text));
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

    void ended(String outcome) {
        ended = Optional.of(outcome);
        busy = false;
    }
}
