package dev.ceremony.audit;

/** Signs seals with the audit key. */
public interface SealSigner {

    /** Hex SHA-256 of the audit key's SubjectPublicKeyInfo, written into every seal. */
    String keySha256();

    /** Name of the signature scheme, written into every seal (e.g. {@code ECDSA_SHA256}). */
    String algorithm();

    /** A verified signature over {@code message}, in X.509 form (DER ECDSA-Sig-Value for EC). */
    byte[] sign(byte[] message);
}
