package dev.ceremony.token;

import java.util.Objects;

/** Who a token says it is: its CK_TOKEN_INFO, trimmed and escaped for display. */
public record TokenIdentity(
        String label,
        String manufacturer,
        String model,
        String serial,
        String hardwareVersion,
        String firmwareVersion) {

    public TokenIdentity {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(hardwareVersion, "hardwareVersion");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    }
}
