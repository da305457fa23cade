package dev.ceremony.engine;

import dev.ceremony.text.PersonNames;
import dev.ceremony.text.Printable;
import java.util.Map;
import java.util.Optional;

/**
 * The four-eyes rule, in every mode: the witness checks what the administrator does, so the two
 * are two people, told apart by {@link PersonNames}.
 */
public final class FourEyes {

    private FourEyes() {
    }

    /** What breaks the rule in {@code participants}, said for a person; empty when nothing does. */
    public static Optional<String> breach(Map<Role, String> participants) {
        String administrator = participants.get(Role.ADMINISTRATOR);
        String witness = participants.get(Role.WITNESS);
        if (administrator == null || witness == null || !PersonNames.same(administrator, witness)) {
            return Optional.empty();
        }
        return Optional.of("the administrator '" + Printable.escape(administrator) + "' and the witness '"
                + Printable.escape(witness) + "' are the same name (case and spacing aside); the witness is someone "
                + "other than the administrator, so give each their own name");
    }
}
