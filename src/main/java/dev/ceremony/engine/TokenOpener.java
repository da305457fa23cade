package dev.ceremony.engine;

import dev.ceremony.token.Token;

/** Opens the configured token (present, and the configured one); the ceremony logs in itself. */
@FunctionalInterface
public interface TokenOpener {
    Token open();
}
