package dev.ceremony.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Optional;

/** The interactive console, if there is a person at a terminal to ask. */
final class Terminal {

    private Terminal() {
    }

    /**
     * The console, only when it is a real terminal. From JDK 22 on, {@code System.console()} also
     * returns a console for redirected streams; {@code Console.isTerminal()} (looked up by
     * reflection, since Ceremony also runs on JDK 17) tells the two apart.
     */
    static Optional<Console> interactive() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? Optional.of(console) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.of(console);
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }
}
