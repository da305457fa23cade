package dev.ceremony.cli;

import dev.ceremony.audit.Fingerprints;
import dev.ceremony.engine.Confirmation;
import dev.ceremony.engine.Operator;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.engine.ShareHandout;
import java.util.function.ToIntFunction;
import dev.ceremony.text.Facts;
import dev.ceremony.text.KebabCase;
import dev.ceremony.text.Printable;
import dev.ceremony.text.Wrap;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.TokenIdentity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator interface of {@code run --batch}: prints each step and result, confirms each step
 * in the name given for its role (recorded as given by batch mode), takes the machine's clock as
 * witnessed, and reads the PIN from {@code --pin-file} or {@code $CEREMONY_PIN}. It never asks.
 */
final class BatchOperator implements Operator {

    private static final int WIDTH = 80;

    private final PrintWriter out;
    private final Map<Role, String> names;
    private final PinSource pins;
    private final Optional<Path> pinFile;

    private final Set<String> leaveOut;
    private final BatchShares shares;

    /** @param leaveOut accepted requests (by file name) to leave out of the signing, as --leave-out gave them */
    /** The facts printed last, so that a step confirmed by two roles prints them once. */
    private Facts shownLast;

    BatchOperator(PrintWriter out, Map<Role, String> names, PinSource pins, Optional<Path> pinFile,
            Set<String> leaveOut, BatchShares shares) {
        this.shares = shares;
        this.out = out;
        this.names = Map.copyOf(names);
        this.pins = pins;
        this.pinFile = pinFile;
        this.leaveOut = Set.copyOf(leaveOut);
    }

    @Override
    public void showStep(int number, int total, ScriptStep step) {
        out.println();
        out.printf("Step %d of %d: %s (%s)%n", number, total, step.id(), KebabCase.of(step.action()));
        Wrap.lines("  " + step.instruction(), WIDTH, "  ").forEach(out::println);
        step.arguments().forEach((name, value) -> out.printf("    %-16s %s%n", name, Printable.escape(value)));
        out.flush();
    }

    @Override
    public void say(String line) {
        Wrap.lines(line, WIDTH, "    ").forEach(out::println);
        out.flush();
    }

    @Override
    public void progress(String task, long done, long total) {
        out.printf("  %s: %d of %d%n", task, done, total);
        out.flush();
    }

    @Override
    public void fingerprint(String subject, String sha256) {
        out.println("  SHA-256 of " + subject);
        Fingerprints.hexLines(sha256, WIDTH - 4).forEach(line -> out.println("    " + line));
        Fingerprints.wordLines(sha256, WIDTH - 4).forEach(line -> out.println("    " + line));
        out.flush();
    }

    @Override
    public Confirmation confirm(ScriptStep step, Role role, Facts shown) {
        String name = names.get(role);
        if (name == null) {
            throw new CommandFailure("step '" + step.id() + "' needs the " + KebabCase.of(role) + "'s confirmation, and "
                    + "no name was given for that role");
        }
        if (shown != shownLast) {
            shown.lines(WIDTH - 2).forEach(line -> out.println("  " + line));
            shownLast = shown;
        }
        out.printf("  confirmed by the %s, %s (as given: batch mode)%n", KebabCase.of(role), name);
        out.flush();
        return Confirmation.confirmed(name, true);
    }

    @Override
    public Instant witnessedTime(Instant machineTime) {
        out.println("  clock " + machineTime + " taken as witnessed (batch mode)");
        return machineTime;
    }

    @Override
    public boolean confirmFinalTry(TokenIdentity identity) {
        return false;
    }

    @Override
    public Pin secret(String prompt, Optional<PinState> flags) {
        return pins.given(pinFile).orElseThrow(() -> new CommandFailure(
                "batch mode needs the PIN in --pin-file FILE or $" + PinSource.ENVIRONMENT + " (" + prompt + ")"));
    }

    @Override
    public void verdict(Verdict verdict) {
        say("  " + verdict.line());
    }

    @Override
    public Set<String> leftOut() {
        return leaveOut;
    }

    @Override
    public Pin soPin(String prompt) {
        return shares.soPin(prompt);
    }

    @Override
    public void handOut(ShareHandout share) {
        shares.handOut(share, out);
    }

    @Override
    public int enterShare(String prompt, ToIntFunction<CharSequence> check) {
        return shares.enterShare(prompt, check, out);
    }
}
