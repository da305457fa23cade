package dev.ceremony.config;

import dev.ceremony.text.Printable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which token the appliance uses: the hsm-config file of its family, its label and, to tell
 * apart two tokens with one label, its serial number; and whether it holds the production CA
 * (the default) or is a rehearsal token, on which batch mode may also create CAs.
 */
public record TokenSettings(Path hsmConfig, String label, Optional<String> serial, boolean production) {

    /** CK_TOKEN_INFO.label is 32 bytes, blank padded. */
    public static final int MAX_LABEL_LENGTH = 32;

    /** CK_TOKEN_INFO.serialNumber is 16 bytes, blank padded. */
    public static final int MAX_SERIAL_LENGTH = 16;

    public TokenSettings {
        Objects.requireNonNull(hsmConfig, "hsmConfig");
        label = label(label);
        serial = Objects.requireNonNull(serial, "serial").map(TokenSettings::serial);
    }

    /** Checks a token label: 1 to 32 printable ASCII characters, no edge spaces (the token pads with blanks). */
    public static String label(String value) {
        return field("token label", value, MAX_LABEL_LENGTH);
    }

    /** Checks a token serial: 1 to 16 printable ASCII characters. */
    public static String serial(String value) {
        return field("token serial", value, MAX_SERIAL_LENGTH);
    }

    private static String field(String what, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " '" + Printable.escape(value) + "' is longer than " + max
                    + " characters, the PKCS#11 limit");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " '" + Printable.escape(value)
                        + "' may only hold printable ASCII characters");
            }
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException(what + " '" + value + "' starts or ends with a space");
        }
        return value;
    }
}
