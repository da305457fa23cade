package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.quorum.CustodianQuorum;
import dev.ceremony.quorum.PinRole;
import dev.ceremony.quorum.PinVerifier;
import dev.ceremony.quorum.QuorumException;
import dev.ceremony.quorum.QuorumLog;
import dev.ceremony.quorum.QuorumPin;
import dev.ceremony.quorum.QuorumSplitter;
import dev.ceremony.quorum.Share;
import dev.ceremony.quorum.ShareCodec;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.Token;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Puts a token PIN (the user's or the SO's) under a new M-of-N quorum: draws a new random PIN from
 * the token's RNG, splits it, shows each share once to its custodian, records the quorum (its
 * verifier, the custodians' names, who received which share; never a share), and only then sets
 * the new PIN on the token. The keys are not touched. The old quorum's shares no longer give the
 * token's PIN afterwards.
 *
 * <p>Order matters. First, everything that can be checked is, before any share is shown: the
 * arguments (2 &le; M &le; N &le; 16, distinct custodians), the token's PIN lengths against the new
 * PIN, that C_SetPIN can be reached, and for the SO PIN the current SO PIN itself, by an SO login
 * (never at its final try). Shares of a PIN the token will not take are void, and no custodian
 * should carry one away. Then every custodian holds their share, and the log holds the quorum
 * (synced), before C_SetPIN; so a stop at any later point leaves the token's PIN recoverable: the
 * old one if C_SetPIN did not run, the new one (from the shares handed out) if it did.
 */
final class SharePinStep implements StepHandler {

    private final SecureRandom random = new SecureRandom();
    private final ShareCodec codec = new ShareCodec();

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        SharePinArguments arguments;
        try {
            arguments = SharePinArguments.of(step.arguments());
        } catch (IllegalArgumentException e) {
            throw new StepRefused("step '" + step.id() + "': " + e.getMessage(), e);
        }
        PinRole role = arguments.role();
        List<String> custodians = arguments.custodians();
        int threshold = arguments.threshold();
        Token token = run.requireToken();
        PinState state = token.pinState();
        int bytes;
        try {
            bytes = QuorumPin.secretBytes(state.minLength(token.family()), state.maxLength(token.family()));
        } catch (QuorumException e) {
            throw new StepRefused(e.getMessage(), e);
        }
        String what = "the " + role.word() + " PIN of token '" + token.identity().label() + "'";
        Pin login = run.loginPin();
        Pin current = role == PinRole.USER ? login : currentSoPin(run, what);
        byte[] secret = null;
        List<Share> shares = List.of();
        Pin next = null;
        boolean kept = false;
        try {
            if (role == PinRole.SO) {
                proveSoPin(run, token, current, login, what);
            }
            secret = token.randomBytes(bytes);
            next = QuorumPin.pinOf(secret);
            try {
                token.preparePinChange(next);
            } catch (RuntimeException e) {
                throw new StepRefused(e.getMessage() + ". No share of " + what + " was handed out", e);
            }
            shares = new QuorumSplitter(random).split(secret, threshold, custodians.size());
            CustodianQuorum quorum = new CustodianQuorum(role, shares.get(0).quorum(), bytes,
                    PinVerifier.of(secret, random), custodians);
            run.operator.say("New quorum " + quorum.quorum().id() + " for " + what + ": " + threshold + " of "
                    + custodians.size() + ". Each custodian now sees their share, alone, and writes it down.");
            for (Share share : shares) {
                handOut(run, quorum, share);
            }
            run.append(AuditTypes.QUORUM_SET, QuorumLog.data(quorum));
            run.sync();
            try {
                if (role == PinRole.USER) {
                    token.changeUserPin(current, next);
                    run.keepLoginPin(next);
                    kept = true;
                } else {
                    token.changeSoPin(current, next, run.loginPin());
                }
            } catch (RuntimeException e) {
                Map<String, Object> refused = QuorumLog.head(quorum);
                refused.put("outcome", "refused");
                refused.put("reason", String.valueOf(e.getMessage()));
                run.append(AuditTypes.PIN_CHANGED, refused);
                run.sync();
                throw new StepRefused(e.getMessage() + ". The shares of quorum " + quorum.quorum().id() + " just handed "
                        + "out are void (the token's PIN did not change): the custodians destroy them", e);
            }
            Map<String, Object> changed = QuorumLog.head(quorum);
            changed.put("outcome", "changed");
            run.append(AuditTypes.PIN_CHANGED, changed);
            run.sync();
            run.operator.say("The token took the new " + role.word() + " PIN. The shares of any earlier quorum no "
                    + "longer give it.");
            Map<String, Object> details = QuorumLog.head(quorum);
            details.put("threshold", threshold);
            details.put("custodians", custodians);
            return details;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
            shares.forEach(Share::destroy);
            if (role == PinRole.SO) {
                current.destroy();
            }
            if (next != null && !kept) {
                next.destroy();
            }
        }
    }

    /**
     * Proves the current SO PIN by an SO login before anything is handed out: shares of a PIN the
     * token will not take are void, and custodians must never carry void shares away.
     */
    private static void proveSoPin(Run run, Token token, Pin current, Pin login, String what) {
        try {
            token.proveSoPin(current, login);
        } catch (RuntimeException e) {
            throw new StepRefused(e.getMessage() + ". No share of " + what + " was handed out and the token is "
                    + "unchanged: run the ceremony again with the right SO PIN (or SO shares) to resume at this step, or "
                    + "abort it (--abort REASON)", e);
        }
        run.operator.say("The current SO PIN is right: the token accepted an SO login with it (nothing was changed).");
    }

    /** The SO PIN now: typed by the officer the first time, the SO quorum's shares after that. */
    private static Pin currentSoPin(Run run, String what) {
        List<CustodianQuorum> quorums = run.before.quorums(PinRole.SO);
        if (quorums.isEmpty()) {
            return run.operator.soPin("The current SO PIN of token '" + run.requireToken().identity().label()
                    + "' (no quorum guards it yet)");
        }
        return TokenLogin.fromShares(run.operator, quorums, what, run);
    }

    private void handOut(Run run, CustodianQuorum quorum, Share share) {
        String custodian = quorum.custodian(share.index());
        char[] text = codec.encode(share).toCharArray();
        ShareHandout handout = new ShareHandout(quorum.role(), custodian, share.index(), quorum.quorum(), text,
                typed -> sameShare(typed, share, quorum.secretBytes()));
        Arrays.fill(text, '\0');
        try {
            run.operator.handOut(handout);
        } finally {
            handout.wipe();
        }
        Map<String, Object> data = QuorumLog.head(quorum);
        data.put("index", share.index());
        data.put("custodian", custodian);
        run.append(AuditTypes.SHARE_HANDED_OUT, data);
    }

    private boolean sameShare(CharSequence typed, Share share, int secretBytes) {
        try {
            Share back = codec.decode(typed, secretBytes);
            try {
                return back.sameAs(share);
            } finally {
                back.destroy();
            }
        } catch (QuorumException e) {
            return false;
        }
    }
}
