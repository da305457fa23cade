package dev.ceremony.engine;

/** What an export step can write to the export medium (DESIGN.md section 5, export layout). */
public enum ExportItem {
    /** {@code root-ca.cert.pem} and {@code audit-signer.cert.pem}. */
    ROOT_CERTIFICATE,
    /** {@code ca-bundle.pem}: the root only. */
    CA_BUNDLE,
    /** The CA certificate made in this ceremony with its chain. */
    CA_CHAIN,
    /** The certificates issued in this ceremony, each with its chain and snippets. */
    ISSUED_CERTIFICATES,
    /** The CRLs issued in this ceremony. */
    CRLS
}
