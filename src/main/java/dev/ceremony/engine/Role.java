package dev.ceremony.engine;

/** Who takes part in a ceremony and may be asked to confirm a step. */
public enum Role {
    /** Runs the ceremony at the keyboard. */
    ADMINISTRATOR,
    /** Watches, checks what is shown against what was approved, and confirms it. */
    WITNESS,
    /** Holds one share of the token PIN under M-of-N control. */
    CUSTODIAN
}
