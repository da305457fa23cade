package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.quorum.CustodianQuorum;
import dev.ceremony.quorum.PinRole;
import dev.ceremony.quorum.QuorumEntry;
import dev.ceremony.quorum.QuorumException;
import dev.ceremony.quorum.QuorumLog;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs the user in to the token: with the PIN typed, or, once the audit log records a quorum for
 * the user PIN, with the shares of M custodians. The shares are checked one by one as they are
 * entered, and their combination against the quorum's verifier, before the token is touched: a bad
 * share never uses a PIN try, and fewer than M shares never reach C_Login.
 */
final class TokenLogin {

    private TokenLogin() {
    }

    /**
     * Logs in. The PIN is kept in the run when the script changes a PIN (a later step needs the
     * current one for C_SetPIN), and wiped otherwise.
     */
    static void logIn(Run run, LogState log, Token token) {
        List<CustodianQuorum> quorums = log.quorums(PinRole.USER);
        String label = token.identity().label();
        Pin pin = quorums.isEmpty()
                ? run.operator.secret("User PIN for token '" + label + "'", Optional.of(token.pinState()))
                : fromShares(run.operator, quorums, "the user PIN of token '" + label + "'", run);
        boolean keep = run.request.script().script().steps().stream()
                .anyMatch(step -> step.action() == StepAction.SHARE_PIN);
        try {
            token.login(pin, run.operator::confirmFinalTry);
        } catch (RuntimeException e) {
            pin.destroy();
            throw e;
        }
        if (keep) {
            run.keepLoginPin(pin);
        } else {
            pin.destroy();
        }
    }

    /**
     * The PIN of {@code quorums}' shares, entered one custodian at a time, combined and verified.
     * Records which shares came together (never a share itself).
     */
    static Pin fromShares(Operator operator, List<CustodianQuorum> quorums, String what, Run run) {
        QuorumEntry entry = new QuorumEntry(quorums);
        while (!entry.complete()) {
            CustodianQuorum quorum = entry.quorum();
            operator.enterShare(Character.toUpperCase(what.charAt(0)) + what.substring(1) + ": share "
                    + (entry.enteredCount() + 1) + " of the " + entry.needed()
                    + " needed (quorum " + quorum.quorum().id() + "; custodians " + String.join(", ",
                            quorum.custodians()) + ")", entry::accept);
        }
        Pin pin;
        try {
            pin = entry.pin();
        } catch (QuorumException e) {
            throw new StepRefused(e.getMessage(), e);
        }
        CustodianQuorum quorum = entry.quorum();
        Map<String, Object> data = QuorumLog.head(quorum);
        data.put("shares", entry.indices());
        data.put("custodians", entry.indices().stream().map(quorum::custodian).toList());
        run.append(AuditTypes.QUORUM_LOGIN, data);
        operator.say("The " + entry.needed() + " shares (" + String.join(", ", entry.indices().stream()
                .map(index -> index + ": " + quorum.custodian(index)).toList()) + ") give the PIN that quorum "
                + quorum.quorum().id() + " verifies");
        return pin;
    }
}
