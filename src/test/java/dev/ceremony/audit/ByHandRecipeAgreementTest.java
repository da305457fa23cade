package dev.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.files.AuditLogFile;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Token;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The by-hand recipe (docs/verify-audit-log-by-hand.sh, standard tools only) and {@code audit verify}
 * reach the same verdict, exit status for exit status, on the logs the verifier's tests attack:
 * deletions, swaps, truncations with and without the head, flipped bytes, torn and unterminated
 * last lines, records after the last seal, seals by another key, splices and a foreign root; and
 * on the real log an earlier release left when it was killed mid-ceremony.
 */
@SoftHsm
class ByHandRecipeAgreementTest {

    @TempDir
    static Path dir;

    private static Token token;
    private static SealedLog sealed;
    private static Path rootFile;

    @BeforeAll
    static void writeLog(TestToken testToken) throws Exception {
        token = testToken.openLoggedIn();
        sealed = SealedLog.build(token, dir.resolve("audit.jsonl"), "audit-key", "root-key");
        rootFile = Files.writeString(dir.resolve("root.pem"), dev.ceremony.pki.Pem.certificate(sealed.root()));
    }

    @AfterAll
    static void close() {
        token.close();
    }

    /** One attacked log, with or without the witnessed head. */
    private record Case(String name, byte[] log, boolean withHead) {
    }

    @Test
    void theRecipeAndAuditVerify_agreeOnEveryAttackedLog() throws Exception {
        List<Case> cases = cases();
        SoftAssertions soft = new SoftAssertions();
        int n = 0;
        for (Case c : cases) {
            Path file = Files.write(dir.resolve("case-" + n++ + ".jsonl"), c.log());
            List<String> cli = new ArrayList<>(List.of("audit", "verify", file.toString(), "--root", rootFile.toString()));
            List<String> recipe = new ArrayList<>(List.of("bash", script(), file.toString(), rootFile.toString()));
            if (c.withHead()) {
                cli.addAll(List.of("--head", sealed.head()));
                recipe.add(sealed.head());
            }
            TestCli.Result verified = new TestCli(dir).run(cli.toArray(String[]::new));
            Tool byHand = Tool.run(dir, recipe);
            soft.assertThat(byHand.exitCode()).as("%s%s:%n%s%n%s", c.name(), c.withHead() ? " with --head" : "",
                    verified.out(), byHand.output()).isEqualTo(verified.status());
            if (verified.status() == 3) {
                String upTo = verified.out().replaceAll("(?s).*Result: VALID up to record (\\d+);.*", "$1");
                soft.assertThat(byHand.output()).as(c.name()).contains("checks out up to record " + upTo + ";");
            }
        }
        soft.assertAll();
        assertThat(cases).hasSizeGreaterThan(50);
    }

    @Test
    void theRecipe_doesNotPassRecordsAfterTheLastSeal() {
        byte[] appended = appended();
        Path file = write("recipe-appended.jsonl", appended);
        Path unterminated = write("recipe-unterminated.jsonl", Arrays.copyOf(appended, appended.length - 1));

        Tool withoutHead = Tool.run(dir, "bash", script(), file.toString(), rootFile.toString());
        Tool withHead = Tool.run(dir, "bash", script(), unterminated.toString(), rootFile.toString(), sealed.head());

        assertThat(withoutHead.exitCode()).as(withoutHead.toString()).isEqualTo(3);
        assertThat(withoutHead.output()).contains("records: 12").contains("RESULT: the log checks out up to record 11; "
                + "1 record(s) after the last seal are NOT authenticated");
        assertThat(withHead.exitCode()).as(withHead.toString()).isEqualTo(1);
        assertThat(withHead.output()).contains("records: 12")
                .contains("witnessed head: record 11 of 12; 1 follow it: 0 sealed, 1 unsealed")
                .contains("line 12: after the witnessed head, and no seal covers it");
    }

    @Test
    void theRecipe_agreesOnTheLogTheEarlierReleaseLeftWhenKilled() throws Exception {
        Path log = dir.resolve("after-kill.jsonl");
        Path root = dir.resolve("after-kill-root.pem");
        try (var in = new java.util.zip.GZIPInputStream(resource("audit.after-kill.jsonl.gz"));
                var pem = resource("root-ca.cert.pem")) {
            Files.copy(in, log);
            Files.copy(pem, root);
        }

        Tool byHand = Tool.run(dir, "bash", script(), log.toString(), root.toString());
        TestCli.Result verified = new TestCli(dir).run("audit", "verify", log.toString(), "--root", root.toString());

        assertThat(byHand.exitCode()).as(byHand.toString()).isEqualTo(3).isEqualTo(verified.status());
        assertThat(byHand.output()).contains("records: 5292").contains("RESULT: the log checks out up to record 3288; "
                + "2004 record(s) after the last seal are NOT authenticated");
    }

    private static java.io.InputStream resource(String name) {
        return java.util.Objects.requireNonNull(ByHandRecipeAgreementTest.class.getResourceAsStream(
                "/compat/f8ac22f/" + name), name);
    }

    private static String script() {
        return TestToken.projectDir().resolve("docs/verify-audit-log-by-hand.sh").toString();
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] appended() {
        try {
            return sealed.withUnsealedRecord(dir.resolve("appended-" + System.nanoTime() + ".jsonl"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cases, chosen so that each kind of attack is there once or more while the recipe (some
     * twenty processes a run) stays within a minute: with and without the head where the head can
     * change the verdict, without it where it cannot.
     */
    private static List<Case> cases() throws Exception {
        byte[] log = sealed.bytes();
        List<String> original = SealedLog.lines(log);
        Map<String, byte[]> either = new LinkedHashMap<>();
        either.put("untouched", log);
        either.put("the last newline missing", Arrays.copyOf(log, log.length - 1));
        byte[] appended = appended();
        either.put("a record appended after the last seal", appended);
        either.put("a record appended without its newline", Arrays.copyOf(appended, appended.length - 1));
        either.put("a torn line after the last seal", Arrays.copyOf(appended, appended.length - 10));
        either.put("a torn last seal", Arrays.copyOf(log, log.length - 30));
        int prev = original.get(10).indexOf("\"prev\":\"") + 8;
        String unchained = original.get(10).replace(original.get(10).substring(prev, prev + 64), "f".repeat(64));
        either.put("an unchained record without its newline", (new String(log, StandardCharsets.UTF_8)
                + unchained.replace("\"seq\":10", "\"seq\":11")).getBytes(StandardCharsets.UTF_8));
        either.put("the last record deleted", SealedLog.join(original.subList(0, original.size() - 1)));
        for (int keep : new int[] {1, 4, 6, 7, 9}) {
            either.put("kept " + keep + " records", SealedLog.join(original.subList(0, keep)));
        }
        Map<String, byte[]> withoutHead = new LinkedHashMap<>();
        for (int i = 0; i < original.size() - 1; i++) {
            List<String> lines = SealedLog.lines(log);
            lines.remove(i);
            withoutHead.put("record " + i + " deleted", SealedLog.join(lines));
            if (i % 2 == 0) {
                List<String> swapped = SealedLog.lines(log);
                Collections.swap(swapped, i, i + 1);
                withoutHead.put("records " + i + " and " + (i + 1) + " swapped", SealedLog.join(swapped));
            }
        }
        withoutHead.putAll(flippedBytes(log, original));
        withoutHead.putAll(changedPadding(original));
        withoutHead.put("a seal by another key", sealedBy(log, false));
        withoutHead.put("a forged seal claiming the audit key", sealedBy(log, true));
        byte[] other = SealedLog.build(token, dir.resolve("other.jsonl"), "audit-key-b", "root-key-b").bytes();
        List<String> spliced = new ArrayList<>(original.subList(0, 7));
        spliced.addAll(SealedLog.lines(other).subList(7, 11));
        withoutHead.put("two logs spliced", SealedLog.join(spliced));
        withoutHead.put("another root's log", other);
        List<Case> cases = new ArrayList<>();
        either.forEach((name, bytes) -> {
            cases.add(new Case(name, bytes, false));
            cases.add(new Case(name, bytes, true));
        });
        withoutHead.forEach((name, bytes) -> cases.add(new Case(name, bytes, false)));
        return cases;
    }

    /** A flipped bit in the middle of the first record and of a middle one, and in every 40th byte of the last. */
    private static Map<String, byte[]> flippedBytes(byte[] log, List<String> original) {
        Map<String, byte[]> logs = new LinkedHashMap<>();
        int offset = 0;
        for (int record = 0; record < original.size(); record++) {
            int length = original.get(record).getBytes(StandardCharsets.UTF_8).length;
            boolean last = record == original.size() - 1;
            if (last || record == 0 || record == 5) {
                for (int at = last ? 3 : length / 2; at < (last ? length : length / 2 + 1); at += 40) {
                    byte[] changed = log.clone();
                    changed[offset + at] ^= 0x01;
                    logs.put("byte " + at + " of record " + record + " flipped", changed);
                }
            }
            offset += length + 1;
        }
        return logs;
    }

    /** The last signature's final Base64 character changed within the unused bits. */
    private static Map<String, byte[]> changedPadding(List<String> original) {
        Map<String, byte[]> logs = new LinkedHashMap<>();
        String seal = original.get(original.size() - 1);
        String signature = seal.substring(seal.indexOf("\"sig\":\"") + 7, seal.length() - 2);
        int last = signature.replace("=", "").length() - 1;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int index = alphabet.indexOf(signature.charAt(last));
        for (int delta = 1; delta < 4; delta++) {
            char changed = alphabet.charAt((index & ~3) | ((index + delta) & 3));
            List<String> tampered = new ArrayList<>(original);
            int at = seal.length() - 2 - signature.length() + last;
            tampered.set(original.size() - 1, seal.substring(0, at) + changed + seal.substring(at + 1));
            logs.put("the last signature's character " + last + " changed to " + changed, SealedLog.join(tampered));
        }
        return logs;
    }

    /** The log with a note and a seal by another key, naming it or (forged) naming the audit key. */
    private static byte[] sealedBy(byte[] log, boolean forged) throws Exception {
        Path file = Files.write(dir.resolve("sealed-by-" + forged + ".jsonl"), log);
        TokenSealSigner other = new TokenSealSigner(token, token.generateKeyPair(new KeyLabel("other-" + forged),
                KeySpec.EC_P256), TestHierarchy.BC);
        SealSigner signer = forged ? SealedLog.claiming(sealed.signer().keySha256(), other) : other;
        try (AuditLogFile audit = AuditLogFile.open(file, Clock.systemUTC())) {
            audit.append("note", Map.of("text", "sealed by another key"));
            audit.seal(signer);
        }
        return Files.readAllBytes(file);
    }
}
