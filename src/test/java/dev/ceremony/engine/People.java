package dev.ceremony.engine;

import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.testing.TestToken;
import dev.ceremony.text.Facts;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.TokenIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * People at the keyboard, for engine tests: Alice administers and Wendy witnesses; they confirm
 * every step except the one told to decline, take the machine's clock as witnessed, type the test
 * token's PIN, leave no request out, and never lock the token. What the engine says is kept in
 * {@link #said}. Scripts with an SO PIN or shares are not theirs to run.
 */
final class People implements Operator {

    final List<String> said = new ArrayList<>();
    private final TestToken token;
    private final String declineStep;

    /** People who confirm every step. */
    People(TestToken token) {
        this(token, "");
    }

    /** People whose witness declines step {@code declineStep} (and confirms the others). */
    People(TestToken token, String declineStep) {
        this.token = token;
        this.declineStep = declineStep;
    }

    @Override
    public void showStep(int number, int total, ScriptStep step) {
        said.add("step " + step.id());
    }

    @Override
    public void say(String line) {
        said.add(line);
    }

    @Override
    public void progress(String task, long done, long total) {
    }

    @Override
    public void fingerprint(String subject, String sha256) {
    }

    @Override
    public Confirmation confirm(ScriptStep step, Role role, Facts shown) {
        return step.id().equals(declineStep) ? Confirmation.declined("Wendy", "the subject is not the planned one")
                : Confirmation.confirmed(role == Role.WITNESS ? "Wendy" : "Alice", false);
    }

    @Override
    public Instant witnessedTime(Instant machineTime) {
        return machineTime;
    }

    @Override
    public boolean confirmFinalTry(TokenIdentity identity) {
        return false;
    }

    @Override
    public void verdict(Verdict verdict) {
        said.add(verdict.line());
    }

    @Override
    public Set<String> leftOut() {
        return Set.of();
    }

    @Override
    public Pin secret(String prompt, Optional<PinState> flags) {
        return Pin.of(token.userPin().toCharArray());
    }

    @Override
    public Pin soPin(String prompt) {
        throw new AssertionError("no script of these tests asks for the SO PIN");
    }

    @Override
    public void handOut(ShareHandout share) {
        throw new AssertionError("no script of these tests hands out shares");
    }

    @Override
    public int enterShare(String prompt, ToIntFunction<CharSequence> check) {
        throw new AssertionError("no PIN of these tests is under a quorum");
    }
}
