package dev.ceremony.cli;

import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.TokenIdentity;
import java.io.Console;
import java.util.Optional;

/** Asks the person at the terminal before a login on the token's final PIN try; refuses without one. */
final class ConsoleFinalTry implements FinalTryConfirmation {

    @Override
    public boolean confirmFinalTry(TokenIdentity identity) {
        Optional<Console> console = Terminal.interactive();
        if (console.isEmpty()) {
            return false;
        }
        console.get().printf("%nToken '%s' is at its FINAL PIN TRY: one more wrong PIN locks it.%n", identity.label());
        String answer = console.get().readLine("Type YES to try this PIN anyway, anything else to stop: ");
        return "YES".equals(answer);
    }
}
