package dev.ceremony.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.Confirmation;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.RunOutcome;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.engine.StepAction;
import dev.ceremony.pki.csr.Refusal;
import dev.ceremony.pki.csr.RequestSummary;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each screen on Lanterna's virtual terminal: what it renders, the keys it takes, what results. */
class TuiScreensTest {

    static final String SHA = "d3dc8aaf6cc5072fd63ae9c85632c5d8d4ce70581f429e35005502e3cc5e0d3b";
    static final Backend.Dashboard DASHBOARD = new Backend.Dashboard(
            List.of("present: 'demo', serial 42, rehearsal token", "PIN ok"),
            List.of("root-ca          3649 days to expiry  CN=Root"), List.of("root-ca        none signed yet"),
            List.of("root-ca-1 at 2026-11-22T10:00:00Z", "head " + SHA),
            List.of("label Evil\u001b[2J\u202eAdmin from a token"));

    static ScriptStep step(String id, StepAction action) {
        return new ScriptStep(id, "Do " + id + " with care.", action, Set.of(Role.ADMINISTRATOR, Role.WITNESS),
                action == StepAction.REVIEW_CSRS ? Map.of("profile", "mqtt-device") : Map.of());
    }

    static RunOutcome completed() {
        return new RunOutcome("root-ca-1", RunOutcome.Ending.COMPLETED, Optional.of(SHA), Optional.empty(),
                Optional.empty());
    }

    /** Home, R, the only script, names typed, Start. */
    static void startCeremony(VirtualScreen screen) {
        screen.type("r");
        screen.key(KeyType.Enter);
        assertThat(screen.text()).contains("set up root-ca").contains("root-common-name     Example Root");
        screen.key(KeyType.ArrowDown);
        screen.key(KeyType.ArrowDown);
        nameBothAndStart(screen);
    }

    @Test
    void home_showsTheDashboard_escapesOutsideText_andFollowsAResize() {
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> completed()), 80, 24, List.of());

        String home = screen.text();
        assertThat(home).contains("Ceremony | home").contains("present: 'demo', serial 42").contains("3649 days")
                .contains("[R] Run a ceremony").contains("[Q] Quit").contains("Q quit");
        assertThat(home).as("control and bidi characters are shown escaped").contains("Evil\\u001B[2J\\u202EAdmin")
                .doesNotContain("\u001b").doesNotContain("\u202e");

        screen.resize(100, 30);
        String larger = screen.text();
        assertThat(larger.lines().count()).isEqualTo(30);
        assertThat(larger.lines().toList().get(29)).contains("R run  V verify log");
        screen.resize(80, 24);
        assertThat(screen.text().lines().toList().get(23)).contains("R run  V verify log");

        screen.type("v");
        assertThat(screen.text()).contains("audit log check").contains("Result: VALID");
        screen.key(KeyType.Escape);
        assertThat(screen.text()).contains("Ceremony | home");
    }

    @Test
    void setup_needsTwoDifferentNames_andShowsThePlan() {
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> completed()), 80, 24, List.of());
        screen.type("r");
        screen.key(KeyType.Enter);
        for (int i = 0; i < 6; i++) {
            screen.key(KeyType.ArrowDown);
        }
        screen.key(KeyType.Enter);
        assertThat(screen.text()).contains("Not ready").contains("witness's names: each confirmation is");
        screen.key(KeyType.Enter);
        screen.key(KeyType.ArrowUp);
        screen.key(KeyType.Enter);
        String hash = new ScriptedBackend(DASHBOARD, op -> completed()).plan("root-ca",
                Map.of("root-common-name", "Example Root")).hash().grouped();
        assertThat(screen.text()).contains("plan of root-ca").contains("root-common-name Example Root")
                .as("the plan shows its SHA-256 in groups of four").contains(hash);
    }

    @Test
    void setup_refusesAWitnessWhoseNameIsTheAdministratorsInOtherCaseAndSpacing() {
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            ran.set(true);
            return completed();
        }), 80, 24, List.of());
        screen.type("r");
        screen.key(KeyType.Enter);
        screen.key(KeyType.ArrowDown);
        screen.key(KeyType.ArrowDown);
        nameBothAndStart(screen, "Alice Admin", " alice  ADMIN ");
        assertThat(screen.text()).contains("Not ready").contains("the witness 'alice  ADMIN' are the same");
        assertThat(ran.get()).as("no ceremony starts").isFalse();
    }

    /** From the field above the administrator's name: both names typed, then Start. */
    static void nameBothAndStart(VirtualScreen screen) {
        nameBothAndStart(screen, "Alice Admin", "Wendy Witness");
    }

    /** From the field above the administrator's name: these two names typed, then Start. */
    static void nameBothAndStart(VirtualScreen screen, String administrator, String witness) {
        screen.key(KeyType.Enter);
        screen.type(administrator);
        screen.key(KeyType.Enter);
        screen.key(KeyType.ArrowDown);
        screen.key(KeyType.Enter);
        screen.type(witness);
        screen.key(KeyType.Enter);
        for (int i = 0; i < 3; i++) {
            screen.key(KeyType.ArrowDown);
        }
        screen.key(KeyType.Enter);
    }

    /** Home, R, the only script, the approved plan's hash typed as given (after a typo), names typed, Start. */
    private static void startWithApprovedPlan(VirtualScreen screen, String approved) {
        screen.type("r");
        screen.key(KeyType.Enter);
        screen.key(KeyType.ArrowDown);
        assertThat(screen.text()).contains("the approved plan's SHA-256");
        screen.key(KeyType.Enter);
        screen.type("12:34");
        screen.key(KeyType.Enter);
        assertThat(screen.text()).as("what is no hash is refused in the field").contains("not a plan's SHA-256");
        for (int i = 0; i < 5; i++) {
            screen.key(KeyType.Backspace);
        }
        screen.type(approved);
        screen.key(KeyType.Enter);
        screen.key(KeyType.ArrowDown);
        nameBothAndStart(screen);
    }

    @Test
    void setup_refusesAWrongApprovedPlanHash_beforeTheCeremonyRuns() {
        ScriptedBackend backend = new ScriptedBackend(DASHBOARD, op -> completed());
        VirtualScreen screen = new VirtualScreen(backend, 80, 24, List.of());
        String right = backend.plan("root-ca", Map.of("root-common-name", "Example Root")).sha256();
        String wrong = right.substring(0, 63) + (right.endsWith("0") ? "1" : "0");

        startWithApprovedPlan(screen, wrong);

        String refused = screen.until(text -> text.contains("The ceremony was not started"));
        assertThat(refused.replaceAll("[\\s|]+", " ")).contains("this ceremony's plan has SHA-256")
                .contains("changed since the plan was signed");
        assertThat(backend.participants.get()).as("the engine was never asked to run").isNull();
        assertThat(screen.text()).doesNotContain("[>] preflight");
    }

    @Test
    void setup_holdsTheRunToAnApprovedPlan_typedInAnyCaseWithSpacesOrColons() {
        ScriptedBackend backend = new ScriptedBackend(DASHBOARD, op -> completed());
        VirtualScreen screen = new VirtualScreen(backend, 80, 24, List.of());
        dev.ceremony.engine.PlanHash hash = backend.plan("root-ca", Map.of("root-common-name", "Example Root")).hash();
        String typed = hash.grouped().toUpperCase(java.util.Locale.ROOT).replaceFirst(" ", ":");

        startWithApprovedPlan(screen, typed);

        screen.until(text -> text.contains("Ceremony completed"));
        assertThat(backend.approvedPlan.get()).contains(hash);
    }

    @Test
    void aCeremony_runsBehindTheScreen_withNamedConfirmations_aMaskedPin_progress_andFingerprints() {
        AtomicReference<Instant> witnessed = new AtomicReference<>();
        AtomicReference<String> pin = new AtomicReference<>();
        AtomicReference<Confirmation> confirmation = new AtomicReference<>();
        ScriptedBackend backend = new ScriptedBackend(DASHBOARD, op -> {
            ScriptStep preflight = step("preflight", StepAction.PREFLIGHT);
            op.showStep(1, 3, preflight);
            witnessed.set(op.witnessedTime(Instant.parse("2026-11-22T10:15:30Z")));
            try (Pin given = op.secret("User PIN for token 'demo'", Optional.of(new PinState(true, true, false,
                    false, false, 4, 64)))) {
                pin.set(given.reveal(dev.ceremony.token.SecretAccess.TOKEN_LOGIN, (char[] chars) -> new String(chars)));
            }
            confirmation.set(op.confirm(preflight, Role.WITNESS, dev.ceremony.text.Facts.none()));
            op.showStep(2, 3, step("generate-root-key", StepAction.CONFIRM));
            op.progress("signing", 500, 1000);
            op.fingerprint("certificate root-ca", SHA);
            return completed();
        });
        VirtualScreen screen = new VirtualScreen(backend, 80, 24, List.of());
        startCeremony(screen);

        String clock = screen.until(text -> text.contains("Clock check by the witness"));
        assertThat(clock).contains("[>] preflight").contains("This machine says");
        screen.type("10:16");
        screen.key(KeyType.Enter);

        String pinBox = screen.until(text -> text.contains("PIN flags"));
        assertThat(pinBox).contains("count low");
        screen.type("s3cret");
        assertThat(screen.text()).contains("PIN: [******").doesNotContain("s3cret");
        screen.key(KeyType.Enter);

        String confirm = screen.until(text -> text.contains("Confirmation by the witness"));
        assertThat(confirm).contains("The witness, Wendy Witness, confirms step 'preflight'")
                .contains("Do preflight with care.");
        screen.key(KeyType.Enter);

        String fingerprint = screen.until(text -> text.contains("Read aloud and compare"));
        assertThat(fingerprint).contains("d3dc 8aaf 6cc5 072f").contains("stapler sympathy Oakland")
                .contains("[x] preflight").contains("[>] generate-root-key");
        screen.key(KeyType.Enter);

        String end = screen.until(text -> text.contains("Ceremony completed"));
        assertThat(end).contains("Audit log head").contains(SHA).contains("500 of 1000").contains("ETA");
        assertThat(witnessed.get()).isEqualTo(Instant.parse("2026-11-22T10:16:00Z"));
        assertThat(pin.get()).isEqualTo("s3cret");
        assertThat(confirmation.get()).isEqualTo(Confirmation.confirmed("Wendy Witness", false));
        assertThat(backend.participants.get()).containsEntry(Role.ADMINISTRATOR, "Alice Admin")
                .containsEntry(Role.WITNESS, "Wendy Witness");
        screen.key(KeyType.Enter);
        screen.key(KeyType.Enter);
        assertThat(screen.text()).contains("Ceremony | home");
    }

    @Test
    void aConfirmation_canAbortTheCeremony_withAReason() {
        AtomicReference<Confirmation> answer = new AtomicReference<>();
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            answer.set(op.confirm(step("generate-root-key", StepAction.CONFIRM), Role.ADMINISTRATOR, dev.ceremony.text.Facts.none()));
            return new RunOutcome("root-ca-1", RunOutcome.Ending.ABORTED, Optional.empty(), Optional.empty(),
                    answer.get().reason());
        }), 80, 24, List.of());
        startCeremony(screen);
        screen.until(text -> text.contains("Confirmation by the administrator"));
        screen.type("a");
        assertThat(screen.text()).contains("Abort the ceremony").contains("Why is the ceremony aborted?");
        screen.key(KeyType.Enter);
        assertThat(screen.text()).as("a reason is required").contains("Give a reason.");
        screen.type("wrong token brought");
        screen.key(KeyType.Enter);

        assertThat(screen.until(text -> text.contains("Ceremony aborted"))).contains("wrong token brought");
        assertThat(answer.get()).isEqualTo(Confirmation.declined("Alice Admin", "wrong token brought"));
    }

    @Test
    void theStepARunEndsIn_withoutCompletingIt_isMarkedUndone_neverDone() {
        for (RunOutcome.Ending ending : List.of(RunOutcome.Ending.REFUSED, RunOutcome.Ending.ABORTED,
                RunOutcome.Ending.STOPPED)) {
            VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
                op.showStep(1, 3, step("preflight", StepAction.PREFLIGHT));
                op.showStep(2, 3, step("generate-root-key", StepAction.CONFIRM));
                return new RunOutcome("root-ca-1", ending, Optional.empty(), Optional.empty(),
                        Optional.of("the token is not the one on the plan"));
            }), 80, 24, List.of());
            startCeremony(screen);
            screen.until(text -> text.contains("Enter: back to the home screen"));
            screen.key(KeyType.Enter);
            String runner = screen.until(text -> text.contains("[!] generate-root-key"));
            assertThat(runner).as(ending + ": the steps the run went through").contains("[x] preflight")
                    .contains("[ ] export").doesNotContain("[x] generate-root-key");
        }
    }

    @Test
    void theReviewGate_listsTheRequests_explainsRefusals_andLetsTheOfficerLeaveOneOut() throws Exception {
        AtomicReference<Confirmation> answer = new AtomicReference<>();
        AtomicReference<java.util.Set<String>> leftOut = new AtomicReference<>();
        java.security.KeyPairGenerator keys = java.security.KeyPairGenerator.getInstance("EC");
        keys.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                .getInstance(keys.generateKeyPair().getPublic().getEncoded());
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            op.verdict(new Verdict("device-0001.csr", Optional.of(new RequestSummary("CN=device-0001", List.of(),
                    "EC P-256", List.of())), Optional.empty(), List.of(new Refusal("san-missing", "the request names "
                            + "no DNS name"))));
            op.verdict(new Verdict("bad\u202eevil.csr", Optional.empty(), Optional.empty(), List.of(new Refusal(
                    "csr-format", "not a request"))));
            op.verdict(new Verdict("mqtt.example.com.csr", Optional.of(new RequestSummary("CN=mqtt.example.com",
                    List.of("DNS:mqtt.example.com"), "EC P-256", List.of())), Optional.of(new dev.ceremony.pki
                            .SubjectData(new org.bouncycastle.asn1.x500.X500Name("C=DE,CN=mqtt.example.com"), List.of(),
                                    key)), List.of()));
            leftOut.set(op.leftOut());
            answer.set(op.confirm(step("review", StepAction.REVIEW_CSRS), Role.ADMINISTRATOR, dev.ceremony.text.Facts.none()));
            return completed();
        }), 80, 24, List.of());
        startCeremony(screen);

        String table = screen.until(text -> text.contains("Review: 1 valid, 2 refused, 1 to sign"));
        assertThat(table).contains(" -  device-0001").contains("CN=device-0001").contains("EC P-256")
                .contains("REFUSED").contains("bad\\u202Eevil").doesNotContain("\u202e").contains("[x] mqtt.example");
        screen.key(KeyType.Enter);
        assertThat(screen.text()).contains("REQUESTED").contains("| ISSUED").contains("subject     CN=device-0001")
                .contains("| (not issued)").contains("Refused by rule san-missing: the request names no DNS name");
        screen.key(KeyType.Enter);
        screen.type(" ");
        assertThat(screen.text()).as("a refused request cannot be marked").contains("1 to sign");
        screen.key(KeyType.ArrowDown);
        screen.key(KeyType.ArrowDown);
        screen.type(" ");
        assertThat(screen.text()).contains("[ ] mqtt.example").contains("0 to sign");
        screen.type(" ");
        assertThat(screen.text()).contains("[x] mqtt.example").contains("1 to sign");
        screen.type(" ");
        screen.type("y");
        assertThat(screen.until(text -> text.contains("Confirmation by the administrator"))).contains("review");
        screen.key(KeyType.Enter);
        screen.until(text -> text.contains("Ceremony completed"));
        assertThat(answer.get().confirmed()).isTrue();
        assertThat(leftOut.get()).containsExactly("mqtt.example.com.csr");
    }

    @Test
    void whileTheTokenWorks_aWaitingBoxShows_andTheScreenStillAnswers() throws Exception {
        java.util.concurrent.CountDownLatch generated = new java.util.concurrent.CountDownLatch(1);
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            ScriptStep generate = step("generate-root-key", StepAction.CONFIRM);
            op.showStep(2, 3, generate);
            op.confirm(generate, Role.ADMINISTRATOR, dev.ceremony.text.Facts.none());
            try {
                generated.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            op.progress("signing", 2, 4);
            return completed();
        }), 80, 24, List.of());
        startCeremony(screen);
        screen.until(text -> text.contains("Confirmation by the administrator"));
        screen.key(KeyType.Enter);

        String waiting = screen.until(text -> text.contains("Please wait"));
        assertThat(waiting).contains("Working on step 'generate-root-key'").contains("Do not remove the token")
                .contains("[>] generate-root-key");
        screen.resize(90, 26);
        assertThat(screen.text()).as("the screen is redrawn while the engine works").contains("Please wait");
        generated.countDown();
        assertThat(screen.until(text -> text.contains("Ceremony completed"))).contains("2 of 4");
    }

    @Test
    void theSecretField_keepsStarsOnScreen_andOverwritesWhatWasTyped() {
        SecretField field = new SecretField();
        for (char c : "0123456789012345678901234567890123456789".toCharArray()) {
            field.key(new com.googlecode.lanterna.input.KeyStroke(c, false, false));
        }
        assertThat(field.masked()).isEqualTo("*".repeat(40));
        try (Pin pin = field.take()) {
            assertThat(pin.reveal(dev.ceremony.token.SecretAccess.TOKEN_LOGIN, (char[] chars) -> new String(chars))).isEqualTo("0123456789012345678901234567890123456789");
        }
        assertThat(field.length()).isZero();
        assertThat(field.blank()).as("the buffer is overwritten").isTrue();
    }
}
