package dev.ceremony.engine;

import dev.ceremony.text.Printable;
import java.util.Objects;
import java.util.Optional;

/**
 * A role's answer to a step: confirmed by a named person, or declined with a reason (which aborts
 * the ceremony).
 *
 * @param asGiven true when batch mode confirmed on the person's behalf, as its command line said
 */
public record Confirmation(String name, boolean confirmed, Optional<String> reason, boolean asGiven) {

    public Confirmation {
        Objects.requireNonNull(reason, "reason");
        if (name.isBlank() || !Printable.isPrintable(name)) {
            throw new IllegalArgumentException("a confirmation needs the printable name of who gave it");
        }
        if (confirmed == reason.isPresent()) {
            throw new IllegalArgumentException("a confirmation either confirms or declines with a reason");
        }
    }

    public static Confirmation confirmed(String name, boolean asGiven) {
        return new Confirmation(name, true, Optional.empty(), asGiven);
    }

    public static Confirmation declined(String name, String reason) {
        return new Confirmation(name, false, Optional.of(reason), false);
    }
}
