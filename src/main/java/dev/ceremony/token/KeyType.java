package dev.ceremony.token;

/** The key algorithm families a token key can belong to. */
public enum KeyType {
    EC,
    RSA,
    /** Any other key type found on a token; Ceremony lists it but never uses it. */
    OTHER
}
