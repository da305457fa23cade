package dev.ceremony.tui;

import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.SimpleTheme;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.SameTextGUIThread;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.screen.Screen;
import dev.ceremony.engine.CeremonyPlan;
import dev.ceremony.engine.RunOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The terminal UI: a dashboard, then ceremonies run through the engine on a worker thread while
 * the screen stays responsive; keyboard only, at 80x24 and larger. It implements the engine's
 * operator interface ({@link TuiOperator}) and holds no ceremony logic of its own.
 */
public final class Tui {

    private final Backend backend;
    private final Clock clock;
    private final List<String> welcome;
    private Ui ui;
    private ViewPane pane;

    /**
     * @param welcome paragraphs shown in a box at the start (the demo's guide); none for an appliance
     */
    public Tui(Backend backend, Clock clock, List<String> welcome) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.welcome = List.copyOf(welcome);
    }

    /** Runs on {@code screen} (started) until the officer quits. */
    public void run(Screen screen) {
        MultiWindowTextGUI gui = new MultiWindowTextGUI(new SameTextGUIThread.Factory(), screen);
        gui.addWindowAndWait(start(gui, screen));
    }

    /** Builds the window and shows the home page; the caller adds the window and pumps the GUI (tests do). */
    Window start(WindowBasedTextGUI gui, Screen screen) {
        // The terminal's own colours everywhere: Lanterna's default theme paints windows black on white,
        // which the Linux console shows as grey behind every cell Ceremony does not write.
        gui.setTheme(SimpleTheme.makeTheme(false, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT,
                TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT,
                TextColor.ANSI.DEFAULT));
        ui = new Ui(gui);
        BasicWindow window = new BasicWindow();
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
        pane = new ViewPane(ui, screen::getTerminalSize);
        window.setComponent(pane);
        ui.attach(window);
        home();
        if (!welcome.isEmpty()) {
            ui.open(new MessageDialog(ui, "Welcome", welcome, () -> { }));
        }
        return window;
    }

    private void home() {
        Backend.Dashboard dashboard;
        try {
            dashboard = backend.dashboard();
        } catch (RuntimeException e) {
            backend.debug("dashboard", e);
            dashboard = new Backend.Dashboard(List.of("cannot be read: " + e.getMessage()), List.of(), List.of(),
                    List.of(), List.of("the status could not be read; see the message above"));
        }
        ui.page(new HomeView(dashboard, new Menu(List.of(
                new Menu.Item('R', "Run a ceremony", this::scripts),
                new Menu.Item('V', "Verify the audit log", () -> text("audit log check", backend::verifyLog)),
                new Menu.Item('M', "Inspect media", () -> text("media", backend::media)),
                new Menu.Item('S', "Status details", () -> text("status", backend::status)),
                new Menu.Item('Q', "Quit", ui::quit)))));
    }

    private void scripts() {
        List<Backend.ScriptInfo> scripts;
        try {
            scripts = backend.scripts();
        } catch (RuntimeException e) {
            error("The ceremony scripts cannot be read", e, () -> { });
            return;
        }
        ui.page(new ScriptsView(scripts, this::setup, this::home));
    }

    private void setup(Backend.ScriptInfo script) {
        SetupView[] view = {null};
        view[0] = new SetupView(ui, script, backend.mediaDefaults(), setup -> plan(setup, view[0]), this::run,
                this::scripts);
        ui.page(view[0]);
    }

    private void plan(SetupView.Setup setup, View back) {
        try {
            CeremonyPlan plan = backend.plan(setup.script().id(), setup.parameters());
            List<String> lines = new ArrayList<>(List.of(plan.text().split("\n", -1)));
            lines.add("Plan SHA-256 (give it as the approved plan; read it in groups of four):");
            lines.add(plan.hash().grouped());
            ui.page(new TextView("plan of " + setup.script().id(), lines, () -> ui.page(back)));
        } catch (RuntimeException e) {
            error("The plan cannot be made", e, () -> { });
        }
    }

    private void run(SetupView.Setup setup) {
        if (setup.approvedPlan().isPresent()) {
            // Checked here too, so that a wrong hash is refused on the setup form, before the
            // runner starts; the engine checks it again against the plan it runs.
            try {
                backend.requireApproved(setup.script().id(), setup.parameters(), setup.approvedPlan().get());
            } catch (RuntimeException e) {
                error("The ceremony was not started", e, () -> { });
                return;
            }
        }
        List<String> steps = new ArrayList<>(backend.steps(setup.script().id()));
        RunnerView runner = new RunnerView(ui, setup.script().id(), steps, this::home);
        ui.page(runner);
        TuiOperator operator = new TuiOperator(ui, runner, setup.names(), clock, pane::invalidate);
        Thread worker = new Thread(() -> {
            try {
                RunOutcome outcome = backend.run(setup.script().id(), setup.parameters(), setup.names(),
                        setup.importFrom(), setup.exportTo(), setup.approvedPlan(), operator);
                ui.later(() -> ended(runner, outcome));
            } catch (RuntimeException | Error e) {
                // Out of memory included: the screen says so; the ceremony resumes when run again.
                ui.later(() -> {
                    runner.ended("The ceremony could not run.", false);
                    error("The ceremony could not run", e, () -> { });
                    pane.invalidate();
                });
            }
        }, "ceremony-engine");
        worker.setDaemon(true);
        worker.start();
    }

    private void ended(RunnerView runner, RunOutcome outcome) {
        List<String> lines = new ArrayList<>();
        String title;
        switch (outcome.ending()) {
            case COMPLETED -> {
                title = outcome.success() ? "Ceremony completed" : "Ceremony completed, requests not signed";
                lines.add("Ceremony " + outcome.ceremony() + " " + outcome.summary() + ".");
            }
            case ABORTED -> {
                title = "Ceremony aborted";
                lines.add("Ceremony " + outcome.ceremony() + " was aborted: " + outcome.reason().orElse("") + ".");
                lines.add("The keys it made that nothing certifies were destroyed; the log records the reason.");
            }
            case REFUSED -> {
                title = "Ceremony refused";
                lines.add("Ceremony " + outcome.ceremony() + " was refused before it changed anything: "
                        + outcome.reason().orElse(""));
                lines.add("It is ended; nothing is left to resume. Fix the cause and start the ceremony again.");
            }
            default -> {
                title = "Ceremony stopped";
                lines.add("Ceremony " + outcome.ceremony() + " stopped: " + outcome.reason().orElse(""));
                lines.add("What to do next: fix the cause, then run the same ceremony again with the same "
                        + "parameters; it resumes at this step. Or end it: ceremony run " + runner.script()
                        + " --abort REASON.");
            }
        }
        outcome.head().ifPresent(head -> lines.add("Audit log head: " + head));
        outcome.transcript().ifPresent(file -> lines.add("Transcript: " + file));
        runner.ended(title + ". Enter: back to the home screen.", outcome.ending() == RunOutcome.Ending.COMPLETED);
        ui.open(new MessageDialog(ui, title, lines, () -> { }));
        pane.invalidate();
    }

    private void text(String title, java.util.function.Supplier<List<String>> lines) {
        try {
            ui.page(new TextView(title, lines.get(), this::home));
        } catch (RuntimeException e) {
            error("The " + title + " cannot be shown", e, () -> { });
        }
    }

    /** An error box: what happened and what to do; the details go to the debug log, never the screen. */
    private void error(String title, Throwable e, Runnable then) {
        backend.debug(title, e);
        String what = e instanceof OutOfMemoryError ? "The program ran out of memory. Start it again with a larger "
                + "heap (CEREMONY_JAVA_OPTS=-Xmx2g); the ceremony resumes where it stopped." : String.valueOf(
                        e.getMessage());
        ui.open(new MessageDialog(ui, title, List.of(what, "Details are in the debug log, " + backend.debugLog()
                + "."), then));
    }
}
