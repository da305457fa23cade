package dev.ceremony.pki;

import java.math.BigInteger;

/**
 * A certificate serial as people compare it: the bytes of its DER encoding in lower-case hex,
 * colon-separated, as {@code openssl x509 -text} prints it. A leading zero digit is kept (a
 * 16-byte serial reads as 16 pairs), so the text can be held against any other tool's, pair by pair.
 */
public final class SerialText {

    private SerialText() {
    }

    /** {@code serial} as colon-separated hex pairs; a negative serial (never issued here) gets a minus sign. */
    public static String of(BigInteger serial) {
        String hex = serial.abs().toString(16);
        if (hex.length() % 2 == 1) {
            hex = "0" + hex;
        }
        StringBuilder out = new StringBuilder(serial.signum() < 0 ? "-" : "");
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString();
    }
}
