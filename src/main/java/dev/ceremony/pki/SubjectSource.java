package dev.ceremony.pki;

/** Where the subject's common name comes from. Everything else in the DN comes from dn-defaults. */
public enum SubjectSource {
    /** A ceremony parameter, for CA certificates (e.g. "Example Server CA 2026"). */
    CEREMONY_PARAMETER,
    /** The CSR's common name, validated like a DNS name (MQTT servers). */
    REQUEST_COMMON_NAME,
    /** The device id taken from the CSR's common name: a DNS label (amqtt devices). */
    DEVICE_ID;
}
