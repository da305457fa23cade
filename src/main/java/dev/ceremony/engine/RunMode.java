package dev.ceremony.engine;

/** How people take part: at the terminal, or headless with confirmations given on the command line. */
public enum RunMode {
    INTERACTIVE,
    BATCH
}
