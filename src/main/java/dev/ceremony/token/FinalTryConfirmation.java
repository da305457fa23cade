package dev.ceremony.token;

/**
 * Asked before a login when the token reports that one more wrong PIN locks it. Only an explicit
 * "yes" from the officer lets the login go ahead.
 */
@FunctionalInterface
public interface FinalTryConfirmation {

    /** Never confirms: the safe answer when nobody can be asked (batch mode without a flag). */
    FinalTryConfirmation REFUSE = identity -> false;

    /** Returns true only if the officer confirmed a login attempt on the token's final try. */
    boolean confirmFinalTry(TokenIdentity identity);
}
