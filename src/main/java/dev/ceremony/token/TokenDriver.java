package dev.ceremony.token;

import java.util.Optional;

/** Opens a token of a given family, selected by label and optionally by serial. */
public interface TokenDriver {

    /**
     * Loads the family's library and opens the one initialised token whose label is
     * {@code label} (and whose serial is {@code serial}, if given).
     *
     * @throws TokenException naming the labels and serials present when none or several match
     */
    Token open(TokenFamily family, String label, Optional<String> serial);
}
