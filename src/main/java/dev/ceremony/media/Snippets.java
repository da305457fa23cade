package dev.ceremony.media;

/**
 * The short config snippets and the README an export carries. Keys are never exported (they are
 * not on the appliance): each snippet's key line points to where the server or device keeps its own.
 */
final class Snippets {

    private Snippets() {
    }

    static String mosquitto(String stem) {
        return String.join("\n",
                "# Mosquitto TLS listener for " + stem + " (seed: certfile = leaf + intermediate, cafile = root only).",
                "listener 8883",
                "certfile /etc/mosquitto/certs/" + stem + ".chain.pem",
                "cafile /etc/mosquitto/certs/ca-bundle.pem",
                "# The server's own private key, made on the server with its CSR; it never left the server.",
                "keyfile /etc/mosquitto/certs/" + stem + ".key.pem",
                "require_certificate true",
                "use_identity_as_username true",
                "");
    }

    static String thingsboard(String stem) {
        return String.join("\n",
                "# ThingsBoard MQTT over TLS for " + stem + " (in /etc/thingsboard/conf/thingsboard.conf).",
                "# The PEM file is the chain: leaf first, then the intermediate.",
                "export MQTT_SSL_ENABLED=true",
                "export MQTT_SSL_CREDENTIALS_TYPE=PEM",
                "export MQTT_SSL_PEM_CERT=/opt/ssl-certs/mqtt/" + stem + ".chain.pem",
                "# The server's own private key (never exported); ThingsBoard reads SEC1, PKCS#1 or unencrypted PKCS#8.",
                "export MQTT_SSL_PEM_KEY=/opt/ssl-certs/mqtt/" + stem + ".key.pem",
                "export MQTT_SSL_PEM_KEY_PASSWORD=",
                "export MQTT_SSL_BIND_PORT=8883",
                "# Client certificate validity stays checked.",
                "export MQTT_SSL_SKIP_VALIDITY_CHECK_FOR_CLIENT_CERT=false",
                "");
    }

    static String amqtt(String stem, String deviceId, String uriDomain) {
        return String.join("\n",
                "# amqtt client config for device " + deviceId + ": the client id must equal the device id.",
                "client_id: " + deviceId,
                "keyfile: " + stem + ".key.pem   # the device's own key, made on the device; never exported",
                "certfile: " + stem + ".chain.pem",
                "broker:",
                "  uri: mqtts://" + uriDomain + ":8883",
                "  cafile: ca-bundle.pem",
                "");
    }

    static String readme(int parts) {
        return String.join("\n",
                "This folder was written by Ceremony, an offline root-CA appliance.",
                "",
                "Check it with standard tools before using anything in it:",
                "",
                "1. Every file is listed with its SHA-256 (SHA256SUMS is written last):",
                "     sha256sum -c SHA256SUMS",
                "2. SHA256SUMS is signed by the audit signer:",
                "     openssl x509 -in audit-signer.cert.pem -pubkey -noout > audit-signer.pub.pem",
                "     openssl dgst -sha256 -verify audit-signer.pub.pem -signature SHA256SUMS.sig SHA256SUMS",
                "3. The audit signer is certified by the root:",
                "     openssl verify -x509_strict -CAfile root-ca.cert.pem audit-signer.cert.pem",
                "4. The root is the one read aloud at the root ceremony: compare",
                "     openssl x509 -in root-ca.cert.pem -noout -fingerprint -sha256",
                "   with the fingerprint on the ceremony transcript.",
                "5. Each certificate chains to the root:",
                "     openssl verify -x509_strict -CAfile ca-bundle.pem -untrusted NAME.chain.pem NAME.cert.pem",
                "",
                "What goes where: NAME.chain.pem (leaf, then intermediate) and the server's own key go on the MQTT",
                "server; ca-bundle.pem (the root only) goes on the devices, so intermediates can be rotated without",
                "touching them. The *.conf and *.yaml files are config snippets for Mosquitto, ThingsBoard and amqtt.",
                parts > 0 ? "Certificates are in the part-NNNN folders (at most 5000 files each)." : "",
                "");
    }
}
