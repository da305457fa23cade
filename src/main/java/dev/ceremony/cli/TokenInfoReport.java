package dev.ceremony.cli;

import dev.ceremony.text.Printable;
import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.PinState;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.token.TokenIdentity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints what {@code ceremony token info} shows: identity, family, PIN state and keys. */
final class TokenInfoReport {

    private final PrintWriter out;

    TokenInfoReport(PrintWriter out) {
        this.out = out;
    }

    void identity(TokenIdentity identity, TokenFamily family) {
        out.println("Token");
        row("label", identity.label());
        row("manufacturer", identity.manufacturer());
        row("model", identity.model());
        row("serial", identity.serial());
        row("hardware", identity.hardwareVersion());
        row("firmware", identity.firmwareVersion());
        row("family", family.description() + " (" + family.source() + ")");
        row("library", family.library().toString());
    }

    void pinState(PinState state) {
        out.println("User PIN");
        row("state", state.describe());
        row("length", state.minLength() + " to " + state.maxLength() + " characters (as the token reports)");
    }

    void keysNotListed(String why) {
        out.println("Keys");
        row("not listed", why);
    }

    void keys(List<KeyHandle> keys) {
        out.println("Keys (" + keys.size() + ")");
        for (KeyHandle key : keys) {
            out.println("  " + Printable.escape(key.label()));
            keyRow("type", key.spec().map(KeySpec::description).orElse(key.type() + " (not a type Ceremony uses)"));
            keyRow("id", key.id().hex());
            keyRow("public key", key.publicKeySha256().map(h -> "SHA-256 " + h)
                    .orElse("no public-key object on the token"));
            keyRow("attributes", attributes(key.attributes()));
            keyRow("usage", usage(key.attributes()));
        }
        out.flush();
    }

    /** The attributes in the words pkcs11-tool uses, so the two can be compared line by line. */
    static String attributes(KeyAttributes a) {
        List<String> words = new ArrayList<>();
        words.add(a.sensitive() ? "sensitive" : "NOT sensitive");
        words.add(a.alwaysSensitive() ? "always sensitive" : "NOT always sensitive");
        words.add(a.extractable() ? "EXTRACTABLE" : "not extractable");
        words.add(a.neverExtractable() ? "never extractable" : "NOT never extractable");
        words.add(a.local() ? "local" : "NOT local (imported)");
        return String.join(", ", words);
    }

    static String usage(KeyAttributes a) {
        List<String> words = new ArrayList<>();
        if (a.sign()) {
            words.add("sign");
        }
        if (a.decrypt()) {
            words.add("DECRYPT");
        }
        if (a.unwrap()) {
            words.add("UNWRAP");
        }
        if (a.derive()) {
            words.add("DERIVE");
        }
        return words.isEmpty() ? "none" : String.join(", ", words);
    }

    private void row(String name, String value) {
        out.printf("  %-14s %s%n", name, value);
    }

    private void keyRow(String name, String value) {
        out.printf("    %-12s %s%n", name, value);
    }
}
