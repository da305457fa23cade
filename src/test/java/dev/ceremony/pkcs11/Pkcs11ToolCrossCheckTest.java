package dev.ceremony.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Judges the keys Ceremony generates with OpenSC's pkcs11-tool, which nobody here wrote. */
@SoftHsm
class Pkcs11ToolCrossCheckTest {

    @Test
    void pkcs11Tool_seesSensitiveNeverExtractableLocalSignOnlyKeys_withPublicObjects(TestToken testToken)
            throws Exception {
        try (Token token = testToken.openLoggedIn()) {
            for (KeySpec spec : KeySpec.values()) {
                token.generateKeyPair(new KeyLabel("xcheck-" + spec.displayName().toLowerCase()), spec);
            }
        }

        String listing = pkcs11Tool(testToken, "--login", "--pin", testToken.userPin(), "--list-objects");
        Map<String, List<String>> objects = objects(listing);

        for (KeySpec spec : KeySpec.values()) {
            String label = "xcheck-" + spec.displayName().toLowerCase();
            List<String> privateKey = objects.get("Private Key Object " + label);
            assertThat(privateKey).as("private key %s in:%n%s", label, listing).isNotNull();
            assertThat(privateKey).as(listing)
                    .contains("Usage: sign")
                    .contains("Access: sensitive, always sensitive, never extractable, local");
            List<String> publicKey = objects.get("Public Key Object " + label);
            assertThat(publicKey).as("public key %s in:%n%s", label, listing).isNotNull();
            assertThat(publicKey).as(listing).contains("Usage: verify");
            assertThat(String.join("\n", privateKey)).contains(spec.type() == dev.ceremony.token.KeyType.EC ? "EC" : "RSA");
        }
        assertThat(listing).doesNotContain("Certificate Object");
    }

    /**
     * Groups pkcs11-tool's listing into objects keyed by "<kind> Object <label>", each line with its
     * white space folded ("Usage: sign").
     */
    private static Map<String, List<String>> objects(String listing) {
        Map<String, List<String>> objects = new LinkedHashMap<>();
        String kind = null;
        List<String> lines = null;
        for (String raw : listing.split("\n")) {
            String line = raw.strip().replaceAll("\\s+", " ");
            if (raw.matches("^(Private Key|Public Key|Certificate|Data) Object;.*")) {
                kind = raw.substring(0, raw.indexOf(" Object;"));
                lines = new ArrayList<>();
            } else if (lines != null && line.startsWith("label: ")) {
                objects.put(kind + " Object " + line.substring("label: ".length()), lines);
            }
            if (lines != null) {
                lines.add(line);
            }
        }
        return objects;
    }

    private static String pkcs11Tool(TestToken testToken, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", TestToken.LIBRARY.toString(),
                "--token-label", testToken.label()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
