package dev.ceremony.pki;

/** What a profile issues: which decides the extensions it must and must not carry. */
public enum ProfileKind {
    /** A self-signed root: CA, no issuer, no AKI required. */
    ROOT_CA,
    /** A CA certificate signed by the root. */
    INTERMEDIATE_CA,
    /** A leaf: never a CA, always with an extended key usage. */
    END_ENTITY;

    public boolean isCa() {
        return this != END_ENTITY;
    }
}
