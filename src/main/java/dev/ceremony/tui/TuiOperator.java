package dev.ceremony.tui;

import dev.ceremony.engine.Confirmation;
import dev.ceremony.engine.Operator;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.engine.ShareHandout;
import dev.ceremony.engine.StepRefused;
import java.util.function.ToIntFunction;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.text.Facts;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.TokenIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The engine's operator on the terminal. The engine runs on a worker thread; each call here
 * changes the runner page through {@link Ui#later} and, when people must answer, opens a box and
 * waits for it, so the screen never waits for the engine. Confirmations carry the name the setup
 * screen took for each role.
 */
final class TuiOperator implements Operator {

    private final Ui ui;
    private final RunnerView runner;
    private final Map<Role, String> names;
    private final Clock clock;
    private final Runnable redraw;

    TuiOperator(Ui ui, RunnerView runner, Map<Role, String> names, Clock clock, Runnable redraw) {
        this.ui = ui;
        this.runner = runner;
        this.names = Map.copyOf(names);
        this.clock = clock;
        this.redraw = redraw;
    }

    @Override
    public void showStep(int number, int total, ScriptStep step) {
        update(() -> runner.step(number, step));
    }

    @Override
    public void say(String line) {
        update(() -> runner.say(line));
    }

    @Override
    public void progress(String task, long done, long total) {
        Instant now = clock.instant();
        update(() -> runner.progress(task, done, total, now));
    }

    @Override
    public void verdict(Verdict verdict) {
        update(() -> runner.verdict(verdict));
    }

    @Override
    public Set<String> leftOut() {
        return ask(approved -> new ReviewDialog(ui, runner.verdicts(), runner.verdictCount(), approved));
    }

    @Override
    public void fingerprint(String subject, String sha256) {
        update(() -> runner.say("SHA-256 of " + subject + ": " + sha256));
        this.<Void>ask(read -> new FingerprintDialog(ui, subject, sha256, read));
    }

    @Override
    public Confirmation confirm(ScriptStep step, Role role, Facts shown) {
        String name = names.get(role);
        if (name == null) {
            throw new StepRefused("step '" + step.id() + "' needs the " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + "'s confirmation, and no " + role.name().toLowerCase(java.util.Locale.ROOT) + " was named");
        }
        Confirmation answer = ask(given -> new ConfirmDialog(ui, step, role, name, shown, given));
        update(() -> runner.say((answer.confirmed() ? "confirmed by the " : "DECLINED by the ")
                + role.name().toLowerCase(java.util.Locale.ROOT) + ", " + name + answer.reason().map(r -> ": " + r)
                        .orElse("")));
        return answer;
    }

    @Override
    public Instant witnessedTime(Instant machineTime) {
        ZonedDateTime machine = machineTime.atZone(ZoneOffset.UTC);
        String shown = String.format("%02d:%02d", machine.getHour(), machine.getMinute());
        return ask(answer -> new InputDialog(ui, "Clock check by the witness", "Witness " + names.getOrDefault(
                Role.WITNESS, "") + ": read the time in UTC from an outside source (your watch) and type it as "
                + "HH:MM. This machine says " + shown + " UTC on " + machine.toLocalDate() + ".", "",
                text -> parse(text, machine).isPresent() ? Optional.empty()
                        : Optional.of("Type the time as HH:MM, for example " + shown + "."),
                text -> answer.complete(parse(text, machine).orElseThrow()),
                () -> answer.completeExceptionally(new StepRefused("the witness did not give the time; the clock "
                        + "was not checked"))));
    }

    @Override
    public boolean confirmFinalTry(TokenIdentity identity) {
        return ask(answer -> new InputDialog(ui, "FINAL PIN TRY", "The token '" + identity.label() + "' allows ONE "
                + "more PIN attempt; a wrong PIN locks it. Type YES to use it, or press Esc to stop.", "",
                text -> text.equals("YES") ? Optional.empty() : Optional.of("Type YES in capitals, or press Esc."),
                text -> answer.complete(true), () -> answer.complete(false)));
    }

    @Override
    public Pin secret(String prompt, Optional<PinState> flags) {
        Optional<Pin> pin = ask(answer -> new PinDialog(ui, prompt, flags, answer));
        return pin.orElseThrow(() -> new StepRefused("no PIN was entered; the ceremony stopped before logging in"));
    }

    @Override
    public Pin soPin(String prompt) {
        Optional<Pin> pin = ask(answer -> new PinDialog(ui, prompt, Optional.empty(), answer));
        return pin.orElseThrow(() -> new StepRefused("no SO PIN was entered; the SO PIN was not changed"));
    }

    @Override
    public void handOut(ShareHandout share) {
        this.<Void>ask(written -> new ShareHandoutDialog(ui, share, written));
        update(() -> runner.say("share " + share.index() + " of " + share.quorum() + " handed out to "
                + share.custodian()));
    }

    @Override
    public int enterShare(String prompt, ToIntFunction<CharSequence> check) {
        int index = ask(answer -> new ShareEntryDialog(ui, prompt, check, answer));
        update(() -> runner.say("share " + index + " entered and checked"));
        return index;
    }

    /** The witnessed time: the typed HH:MM on the day (before, of or after the machine's) nearest to it. */
    static Optional<Instant> parse(String text, ZonedDateTime machine) {
        if (!text.matches("\\d{1,2}:\\d{2}")) {
            return Optional.empty();
        }
        LocalTime time;
        try {
            time = LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Stream.of(-1, 0, 1).map(days -> machine.toLocalDate().plusDays(days).atTime(time).toInstant(
                ZoneOffset.UTC)).min(Comparator.comparing(candidate -> Duration.between(candidate,
                        machine.toInstant()).abs()));
    }

    private void update(Runnable change) {
        ui.later(() -> {
            change.run();
            redraw.run();
        });
    }

    /** Opens a box on the GUI thread and waits for its answer on this (the worker's) thread. */
    private <T> T ask(Function<CompletableFuture<T>, View> dialog) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        update(() -> {
            runner.busy(false);
            ui.open(dialog.apply(answer));
        });
        try {
            T value = answer.get();
            update(() -> runner.busy(true));
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepRefused("the ceremony was interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StepRefused("no answer: " + e.getCause(), e);
        }
    }
}
