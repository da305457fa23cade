package dev.ceremony.engine;

import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import java.util.Optional;
import java.util.Set;
import dev.ceremony.token.TokenIdentity;
import java.time.Instant;

/**
 * The only way the engine talks to people: the TUI and batch mode both implement it. Nothing
 * passed here is secret except what {@link #secret} returns, which the engine clears after use.
 */
public interface Operator {

    /** A step begins: its number of {@code total}, its instruction and resolved arguments. */
    void showStep(int number, int total, ScriptStep step);

    /** A line for the officers (results, what was checked, what comes next). */
    void say(String line);

    /** Progress of a long task. */
    void progress(String task, long done, long total);

    /** A SHA-256 to compare aloud, shown in hex and as PGP words. */
    void fingerprint(String subject, String sha256);

    /**
     * Asks {@code role} to confirm {@code step}, showing {@code shown} in full with it: what the step
     * is about to create, or what it did. Nothing of a step that changes the CA is written before
     * its confirmations.
     */
    Confirmation confirm(ScriptStep step, Role role, dev.ceremony.text.Facts shown);

    /** The time a witness reads from an outside source (a watch), given the machine's time. */
    Instant witnessedTime(Instant machineTime);

    /**
     * The token allows one more PIN attempt before it locks: may the ceremony use it? Batch mode
     * says no; a person at the terminal decides.
     */
    boolean confirmFinalTry(TokenIdentity identity);

    /**
     * Asks for a secret, e.g. the token PIN (later, custodian shares), showing the token's PIN
     * flags (count low, final try) when it is the PIN.
     */
    Pin secret(String prompt, Optional<PinState> flags);

    /** The review's verdict on one request: requested and issued values, or why it was refused. */
    void verdict(Verdict verdict);

    /**
     * The officer's choice once every verdict was shown: the accepted requests (by source, as in
     * {@link Verdict#source()}) to leave out of the signing. Batch mode leaves none out.
     */
    Set<String> leftOut();

    /**
     * The token's SO PIN, typed by its security officer: asked once, when a quorum is first set for
     * the SO PIN (before that, only the officer knows it).
     */
    Pin soPin(String prompt);

    /**
     * Shows one share to its custodian, and returns once the custodian confirmed that they wrote it
     * down (the TUI also has them type it back from paper). The share is shown to nobody else and
     * written nowhere; a rehearsal in batch mode writes it to a file.
     */
    void handOut(ShareHandout share);

    /**
     * Asks one custodian for their share, masked, and hands what was typed to {@code check}, which
     * returns the share's index or throws {@link dev.ceremony.quorum.QuorumException} saying what is
     * wrong; the operator shows that and asks again. Stopping is a {@link StepRefused}.
     */
    int enterShare(String prompt, java.util.function.ToIntFunction<CharSequence> check);
}
