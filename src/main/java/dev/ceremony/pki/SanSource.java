package dev.ceremony.pki;

/** Which subject alternative names a profile issues. */
public enum SanSource {
    /** No subjectAltName extension (CA and audit certificates). */
    NONE,
    /** The DNS names and IP addresses the CSR requests, each validated; at least one is required. */
    REQUEST_DNS_IP,
    /**
     * The amqtt device scheme: first {@code URI:spiffe://<uri-domain>/device/<id>}, then
     * {@code DNS:<id>.local}. Requested SANs are shown to the officers but not copied.
     */
    AMQTT_DEVICE;
}
