package dev.ceremony.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.testing.Tmux;
import dev.ceremony.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first session, end to end: {@code bin/ceremony demo} in tmux at 80x24, then root,
 * a server CA, and signing the sample broker requests, following only the screen; the exported
 * chain is checked with openssl and the log with {@code ceremony audit verify}.
 */
class DemoInTmuxIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path PROJECT = Path.of(System.getProperty("ceremony.project.dir", "."));

    @TempDir
    Path dir;

    private Tmux tui;

    /** The shares the hand-out screens showed, in order. */
    private final List<String> handedOut = new java.util.ArrayList<>();

    /** What the custodians type at the share-entry screens, in order, with the problem the screen must name. */
    /** The screens of the confirmation box on the screen now, as it was scrolled through. */
    private final StringBuilder boxes = new StringBuilder();
    private final java.util.Deque<Typed> toEnter = new java.util.ArrayDeque<>();

    private record Typed(String text, String problem) {
    }

    private static final java.util.regex.Pattern SHARE = java.util.regex.Pattern.compile("([0-9A-Z]{4} ){8}[0-9A-Z]{4}");

    /** Keeps a screen for the record (target/tmux-screens), as the closing notes quote them. */
    private static void save(String name, String screen) {
        try {
            Path folder = Files.createDirectories(PROJECT.resolve("target/tmux-screens"));
            Files.writeString(folder.resolve(name + ".txt"), screen);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void rootThenServerCaThenSigning_followingOnlyTheScreen() throws Exception {
        Path demo = dir.resolve("demo");
        try (Tmux started = Tmux.start(PROJECT, 80, 24, PROJECT.resolve("bin/ceremony") + " demo --dir " + demo)) {
            tui = started;
            String welcome = tui.await("The token's user PIN is 1234-demo.", WAIT);
            save("01-welcome", welcome);
            assertThat(welcome).contains("Welcome").contains("rehearsal token").contains("Never use it for");
            tui.keys("Enter");
            assertThat(tui.await("R run  V verify log", WAIT)).contains("no ceremony has run yet").contains("rehearsal token");

            ceremony("root-ca", List.of(), 7);
            String home = tui.await("R run  V verify log", WAIT);
            assertThat(home).contains("root-ca ").contains("days to expiry");
            save("03-home-after-root", home);

            ceremony("intermediate-ca", List.of("server-ca", "Demo Server CA"), 5);
            ceremony("sign-csrs", List.of("mqtt-server", "server-ca"), 5);
            assertThat(tui.await("R run  V verify log", WAIT)).contains("server-ca");
            tui.keys("q");
        }

        Path export;
        try (Stream<Path> folders = Files.list(demo.resolve("usb-export"))) {
            export = folders.filter(f -> f.getFileName().toString().startsWith("sign-csrs-")).findFirst().orElseThrow();
        }
        Tool verified = Tool.run(export, "openssl", "verify", "-x509_strict", "-CAfile", "root-ca.cert.pem",
                "-untrusted", "mqtt.example.com.chain.pem", "mqtt.example.com.cert.pem");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(Tool.run(export, "sha256sum", "-c", "SHA256SUMS").exitCode()).isZero();
        Tool audit = Tool.run(PROJECT, PROJECT.resolve("bin/ceremony").toString(), "audit", "verify",
                demo.resolve("records/audit.jsonl").toString(), "--root",
                demo.resolve("records/ca/root-ca.cert.pem").toString());
        assertThat(audit.exitCode()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("Result: VALID");
        assertThat(Files.readString(demo.resolve("records/audit.jsonl"))).doesNotContain("1234-demo")
                .contains("\"mode\":\"interactive\"").contains("\"name\":\"Wendy Witness\"");
        assertThat(dev.ceremony.testing.ConfirmedFirst.check(demo.resolve("records/audit.jsonl")))
                .as("through the TUI, every state-changing record follows its step's confirmations")
                .isGreaterThan(5);

        // The same three ceremonies in batch mode, on a second demo appliance, leave the same sequence
        // of audit records (times, serials, signatures and the recorded confirmations differ).
        Path twin = dir.resolve("twin");
        try (Tmux made = Tmux.start(PROJECT, 80, 24, PROJECT.resolve("bin/ceremony") + " demo --dir " + twin)) {
            made.await("The token's user PIN is 1234-demo.", WAIT);
            made.keys("Enter");
            made.await("R run  V verify log", WAIT);
            made.keys("q");
        }
        batch(twin, "root-ca");
        batch(twin, "intermediate-ca", "--param", "ca=server-ca", "--param", "common-name=Demo Server CA");
        batch(twin, "sign-csrs", "--import", twin.resolve("usb-import").toString(), "--param", "profile=mqtt-server",
                "--param", "issuer=server-ca");
        assertThat(types(twin)).as("batch mode and the TUI write the same sequence of records").isEqualTo(types(demo));
        assertThat(Files.readString(twin.resolve("records/audit.jsonl"))).contains("\"mode\":\"batch\"");
    }

    @Test
    void custodiansReceiveTheirSharesAndEnterThem_onTheScreenOnly() throws Exception {
        Path demo = dir.resolve("quorum");
        try (Tmux started = Tmux.start(PROJECT, 80, 24, PROJECT.resolve("bin/ceremony") + " demo --dir " + demo)) {
            assertThat(started.await("Its SO PIN, which quorum-setup asks for, is 5678-demo-so.", WAIT))
                    .contains("quorum-setup puts");
            started.keys("Enter");
            started.await("R run  V verify log", WAIT);
            started.keys("q");
        }
        batch(demo, "root-ca");
        try (Tmux started = Tmux.start(PROJECT, 80, 24, PROJECT.resolve("bin/ceremony") + " demo --dir " + demo)) {
            tui = started;
            tui.await("The token's user PIN is 1234-demo.", WAIT);
            tui.keys("Enter");
            tui.await("R run  V verify log", WAIT);
            ceremony("quorum-setup", List.of("Ann, Bob, Cid", "2", "Sam, Sue", "2"), 3);
            assertThat(handedOut).hasSize(5);
            String home = tui.await("R run  V verify log", WAIT);
            assertThat(home).contains("user PIN under 2 of 3 (Ann, Bob, Cid); SO PIN under 2 of 2 (Sam, Sue)");
            save("08-home-under-quorum", home);

            String typo = handedOut.get(0).substring(0, 7) + (handedOut.get(0).charAt(7) == 'Z' ? 'Y' : 'Z')
                    + handedOut.get(0).substring(8);
            toEnter.add(new Typed(typo, "Not taken: the share's check value does not match"));
            toEnter.add(new Typed(handedOut.get(3), "Not taken: this is share 1 of quorum"));
            toEnter.add(new Typed(handedOut.get(2).toLowerCase(java.util.Locale.ROOT).replace(" ", "-"), ""));
            toEnter.add(new Typed(handedOut.get(2), "Not taken: share 3 (Cid) was already entered"));
            toEnter.add(new Typed(handedOut.get(0), ""));
            ceremony("quorum-check", List.of(), 1);
            assertThat(toEnter).isEmpty();
            tui.keys("q");
        }
        String log = Files.readString(demoLog(demo));
        assertThat(log.split("\"type\":\"share-handed-out\"", -1)).hasSize(6);
        assertThat(dev.ceremony.testing.ConfirmedFirst.check(demoLog(demo)))
                .as("shares are handed out through the TUI only after their confirmations").isGreaterThan(5);
        assertThat(log).contains("\"type\":\"quorum-login\",\"pin\":\"user\"")
                .contains("\"custodians\":[\"Cid\",\"Ann\"]");
        List<String> shares = handedOut.stream().flatMap(share -> Stream.of(share, share.replace(" ", "-"),
                share.replace(" ", ""))).toList();
        assertThat(dev.ceremony.testing.SecretScan.filesHoldNone(demo, file -> false, shares))
                .anyMatch(file -> file.endsWith("records/audit.jsonl"));
    }

    /** A custodian's turn at the hand-out screen: reads the share, mistypes it back once, then types it right. */
    private void handOut(String shown) {
        java.util.regex.Matcher found = SHARE.matcher(shown);
        assertThat(found.find()).as(shown).isTrue();
        String share = found.group();
        assertThat(shown).contains("everyone else looks away").contains("shown once");
        if (handedOut.isEmpty()) {
            save("06-share-handout", shown);
        }
        handedOut.add(share);
        tui.keys("Enter");
        String typeBack = tui.await("type the share from your paper", WAIT);
        assertThat(typeBack).doesNotContain(share);
        if (handedOut.size() == 1) {
            tui.type(share.substring(5));
            tui.keys("Enter");
            save("07-share-typed-back-wrong", tui.await("That is not the share shown", WAIT));
        }
        tui.type(share.toLowerCase(java.util.Locale.ROOT).replace(" ", ""));
        tui.keys("Enter");
        waitForChange(typeBack);
        assertThat(tui.settled()).doesNotContain(share);
    }

    /** A custodian's turn at the share-entry screen: the next share of {@link #toEnter}, masked. */
    private void enterShare(String shown) {
        assertThat(toEnter).as("a share was asked for that the test did not plan: " + shown).isNotEmpty();
        Typed typed = toEnter.remove();
        tui.type(typed.text());
        String masked = tui.await("*".repeat(typed.text().length()), WAIT);
        assertThat(masked).doesNotContain(typed.text());
        tui.keys("Enter");
        if (!typed.problem().isEmpty()) {
            save("09-share-refused-" + toEnter.size(), tui.await(typed.problem(), WAIT));
        } else {
            waitForChange(masked);
        }
    }

    private static void batch(Path appliance, String script, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PROJECT.resolve("bin/ceremony").toString(), "run",
                script, "--batch", "--config", appliance.resolve("ceremony.yaml").toString(), "--operator",
                "Alice Admin", "--witness", "Wendy Witness", "--export", appliance.resolve("usb-export").toString()));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", appliance.resolve("softhsm2.conf").toString());
        builder.environment().put("CEREMONY_PIN", "1234-demo");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    /** The record types of an appliance's log, in order. */
    private static List<String> types(Path appliance) throws Exception {
        java.util.regex.Pattern type = java.util.regex.Pattern.compile("\"type\":\"([a-z-]+)\"");
        return Files.readAllLines(demoLog(appliance)).stream().map(line -> {
            java.util.regex.Matcher found = type.matcher(line);
            return found.find() ? found.group(1) : "?";
        }).toList();
    }

    private static Path demoLog(Path appliance) {
        return appliance.resolve("records/audit.jsonl");
    }

    /** Picks the script from the list, fills the form (its first parameters, then the names) and runs it. */
    private void ceremony(String script, List<String> parameters, int steps) {
        tui.keys("r");
        String list = tui.await("Which ceremony?", WAIT);
        List<String> listed = list.lines().filter(line -> line.matches("  [a-z-]+ {2,}\\S.*"))
                .map(line -> line.strip().split(" ")[0]).toList();
        int position = listed.indexOf(script);
        assertThat(position).as(script + " in " + listed).isNotNegative();
        for (int i = 0; i < position; i++) {
            tui.keys("Down");
        }
        tui.keys("Enter");
        tui.await("set up " + script, WAIT);
        for (String value : parameters) {
            tui.keys("Enter");
            tui.await("Enter: OK | Esc: cancel", WAIT);
            tui.type(value);
            tui.keys("Enter", "Down");
        }
        // The form, once no input box covers it.
        String form = tui.await("Enter: edit or do | Esc: back", WAIT);
        // A field's row starts two spaces in; a long value's further lines are indented under the value.
        int rowsToAdministrator = (int) form.lines().takeWhile(line -> !line.contains("administrator")).filter(
                line -> line.matches("  \\S.*")).count() - parameters.size();
        for (int i = 0; i < rowsToAdministrator; i++) {
            tui.keys("Down");
        }
        tui.keys("Enter");
        tui.await("Enter: OK | Esc: cancel", WAIT);
        tui.type("Alice Admin");
        tui.keys("Enter", "Down", "Enter");
        tui.await("Enter: OK | Esc: cancel", WAIT);
        tui.type("Wendy Witness");
        tui.keys("Enter");
        assertThat(tui.await("  witness              Wendy Witness", WAIT)).contains("Alice Admin");
        // From the witness row to the start: the folders (one or two) and the plan line.
        long folders = tui.await("Enter: edit or do | Esc: back", WAIT).lines().filter(line -> line.matches(
                "  (import|export) folder .*")).count();
        for (int i = 0; i < folders + 2; i++) {
            tui.keys("Down");
        }
        tui.keys("Enter");
        String clock = tui.await("HH:MM", WAIT);
        assertThat(clock).contains("Clock check by the witness");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        tui.type(String.format("%02d:%02d", now.getHour(), now.getMinute()));
        tui.keys("Enter");
        for (int answered = 0; answered < 60; answered++) {
            // Dialog titles sit in the frame: "+- Title ---".
            String shown = awaitAny("+- Ceremony completed", "+- Confirmation by the", "+- Read aloud and compare",
                    "+- Review:", "+- Ceremony stopped", "+- Ceremony aborted", "could not run", "+- PIN -",
                    "+- Share ", "+- Custodian's share");
            assertThat(shown).doesNotContain("Ceremony stopped").doesNotContain("Ceremony aborted")
                    .doesNotContain("could not run");
            if (shown.contains("+- PIN -")) {
                String pin = shown.contains("SO PIN") ? "5678-demo-so" : "1234-demo";
                tui.type(pin);
                assertThat(tui.await("*".repeat(pin.length()), WAIT)).doesNotContain(pin);
                tui.keys("Enter");
                waitForChange(shown);
                continue;
            }
            if (shown.contains("+- Share ")) {
                handOut(shown);
                continue;
            }
            if (shown.contains("+- Custodian's share")) {
                enterShare(shown);
                continue;
            }
            if (shown.contains("+- Read aloud and compare")) {
                save("02-fingerprint-" + script, shown);
            }
            if (shown.contains("+- Ceremony completed")) {
                save("05-completed-" + script, shown);
                assertThat(shown).contains("Audit log head");
                tui.keys("Enter");
                tui.await("Enter: back to the home screen", WAIT);
                tui.keys("Enter");
                return;
            }
            if (shown.contains("+- Confirmation by the")) {
                boxes.append(shown);
                if (shown.contains("more line(s) below")) {
                    tui.keys("NPage");
                    waitForChange(shown);
                    continue;
                }
                // A box longer than the screen is read page by page; its first page names the step.
                String box = boxes.toString();
                if (box.contains("confirms step 'self-sign-root'")) {
                    save("02-confirm-root", box);
                    assertThat(box).as("the root's box shows what is signed").contains("not before")
                            .contains("not after").contains("basic constr.").contains("key usage")
                            .contains("subject");
                }
                if (box.contains("confirms step 'review'")) {
                    save("04-confirm-review", box);
                    assertThat(box).as("the review's box names each request and its verdict")
                            .contains("accepted").contains("refused").contains("mqtt.example.com")
                            .contains("device-0001").contains("REFUSED");
                }
                boxes.setLength(0);
            }
            if (shown.contains("+- Review:")) {
                assertThat(shown).contains("mqtt.example.").contains("valid").contains("REFUSED");
                save("04-review", shown);
                tui.keys("y");
            } else {
                tui.keys("Enter");
            }
            waitForChange(shown);
        }
        throw new AssertionError("the ceremony " + script + " did not end; the screen shows:\n" + tui.screen());
    }

    private String awaitAny(String... texts) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            String shown = tui.screen();
            for (String text : texts) {
                if (shown.contains(text)) {
                    String settled = tui.settled();
                    if (settled.contains(text)) {
                        return settled;
                    }
                }
            }
            pause();
        }
        throw new AssertionError("none of " + List.of(texts) + " appeared; the screen shows:\n" + tui.screen());
    }

    private void waitForChange(String before) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end && tui.screen().equals(before)) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
