package dev.ceremony.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.RunOutcome;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.engine.StepAction;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.csr.RequestSummary;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.text.Facts;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 on the screen: a value a person compares (subject, name, URI, hash) is wrapped and shown
 * whole in every box, table and page at 80x24; nothing is cut at an edge or drawn over.
 */
class WholeValuesTest {

    private static final String SHA = "d3dc8aaf6cc5072fd63ae9c85632c5d8d4ce70581f429e35005502e3cc5e0d3b";
    private static final String ROOT = "C=DE,O=Demo Organisation,OU=Certification Authorities of the Demo,"
            + "CN=Demo IoT Root CA 2026";
    private static final Backend.Dashboard DASHBOARD = new Backend.Dashboard(List.of("present: 'demo', serial 42"),
            List.of("root-ca           3649 days to expiry  CN=Root"), List.of("root-ca        none signed yet"),
            List.of("root-ca-1 at 2026-11-22T10:00:00Z", "head " + SHA), List.of());

    private static RunOutcome completed() {
        return new RunOutcome("root-ca-1", RunOutcome.Ending.COMPLETED, Optional.of(SHA), Optional.empty(),
                Optional.empty());
    }

    /** The screen with every space and box edge taken out: a wrapped value reads as one run of characters. */
    private static String joined(String screen) {
        return screen.replaceAll("[\\s|]+", "");
    }

    private static String squeezed(String value) {
        return value.replaceAll("\\s+", "");
    }

    /** Home, R, the only script, both names typed, Start. */
    private static void start(VirtualScreen screen) {
        screen.type("r");
        screen.key(KeyType.Enter);
        screen.key(KeyType.ArrowDown);
        screen.key(KeyType.ArrowDown);
        TuiScreensTest.nameBothAndStart(screen);
    }

    @Test
    void aFingerprintBox_showsASubjectLongerThanTheBox_whole() {
        String subject = "certificate root-ca: " + ROOT;
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            op.fingerprint(subject, SHA);
            return completed();
        }), 80, 24, List.of());
        start(screen);

        String box = screen.until(text -> text.contains("Read aloud and compare"));
        assertThat(joined(box)).contains(squeezed("SHA-256 of " + subject)).contains(SHA.substring(0, 32));
    }

    @Test
    void aBoxOverTheRunner_leavesNoStartOfASentenceAboveIt() {
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            op.showStep(3, 3, new ScriptStep("export", "Read the root certificate's SHA-256 fingerprint aloud (hex and "
                    + "PGP words); every witness writes it on the paper transcript.", StepAction.CONFIRM, Set.of(
                            Role.ADMINISTRATOR), Map.of()));
            op.say("Sealed; head " + SHA);
            op.fingerprint("certificate root-ca: " + ROOT, SHA);
            return completed();
        }), 80, 24, List.of());
        start(screen);

        String box = screen.until(text -> text.contains("Read aloud and compare"));
        assertThat(box).contains("Step 3 of 3: export").doesNotContain("Read the root certificate's")
                .doesNotContain("Sealed; head");
    }

    @Test
    void theRequestDetail_losesNoCharacterOfALongNameAtTheWrap() throws Exception {
        KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(new ECGenParameterSpec("secp256r1"));
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(keys.generateKeyPair().getPublic().getEncoded());
        String uri = "URI:urn:device:example.com/fleet/eu-central-1/sensors/0001/";
        String issuedSubject = "C=DE,O=Demo Organisation,CN=mqtt-backup.example.com";
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            op.verdict(new Verdict("mqtt-backup.example.com.csr", Optional.of(new RequestSummary(
                    "CN=mqtt-backup.example.com", List.of("DNS:mqtt-backup.example.com", uri), "EC P-256", List.of())),
                    Optional.of(new SubjectData(new X500Name(issuedSubject), List.of(new GeneralName(
                            GeneralName.dNSName, "mqtt-backup.example.com"), new GeneralName(
                                    GeneralName.uniformResourceIdentifier, uri.substring(4))), key)), List.of()));
            op.leftOut();
            return completed();
        }), 80, 24, List.of());
        start(screen);
        screen.until(text -> text.contains("Review: 1 valid"));
        screen.key(KeyType.Enter);

        String detail = screen.text();
        assertThat(squeezed(column(detail, 0))).contains(squeezed(uri)).contains("DNS:mqtt-backup.example.com");
        assertThat(squeezed(column(detail, 1))).as("the issued column, joined").contains(squeezed(issuedSubject))
                .contains(squeezed(uri)).contains("DNS:mqtt-backup.example.com");
    }

    /** One column of the request detail (0: requested, 1: issued), its cells' lines joined. */
    private static String column(String screen, int which) {
        List<String> lines = screen.lines().toList();
        int header = lines.stream().filter(line -> line.contains("REQUESTED")).map(lines::indexOf).findFirst()
                .orElseThrow();
        int separator = lines.get(header).indexOf(" | ISSUED");
        int left = lines.get(header).indexOf("REQUESTED");
        StringBuilder joined = new StringBuilder();
        for (String line : lines.subList(header + 1, lines.size())) {
            if (line.length() <= separator || !line.startsWith(" | ", separator)) {
                continue;
            }
            String cell = which == 0 ? line.substring(left, separator)
                    : line.substring(separator + 3, line.lastIndexOf('|') > separator + 3 ? line.lastIndexOf('|')
                            : line.length());
            joined.append(cell.strip()).append(' ');
        }
        return joined.toString();
    }

    @Test
    void home_showsLongCaSubjectsAndTheQuorumLine_whole() {
        String quorum = "user PIN under 2 of 3 (Carol Custodian, Dave Custodian, Erin Custodian); SO PIN under 2 of 2 "
                + "(Sam Security, Sue Security)";
        List<String> cas = List.of(
                "audit-signer    3649 days to expiry  C=DE,O=Demo Organisation,CN=Ceremony Audit Signer",
                "root-ca         3649 days to expiry  " + ROOT,
                "server-ca       1824 days to expiry  C=DE,O=Demo Organisation,CN=Demo IoT Server CA 2026");
        Backend.Dashboard dashboard = new Backend.Dashboard(List.of("present: 'demo', serial aa7cac698238e5b6, "
                + "rehearsal token", "SoftHSM project SoftHSM v2; PIN ok", quorum), cas, List.of(
                        "root-ca        none signed yet", "server-ca      number 1, next update in 29 days"),
                List.of("quorum-setup-20261205T202000Z at 2026-12-05T20:21:17.039Z", "head " + SHA), List.of());
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(dashboard, op -> completed()), 80, 24, List.of());

        String home = joined(screen.text());
        assertThat(home).contains(squeezed(quorum)).contains("head" + SHA).contains("[R]Runaceremony")
                .contains("[Q]Quit");
        cas.forEach(ca -> assertThat(home).contains(squeezed(ca)));
    }

    @Test
    void theSetupForm_showsA64HexApprovedPlanHash_whole() {
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> completed()), 80, 24, List.of());
        screen.type("r");
        screen.key(KeyType.Enter);
        screen.key(KeyType.ArrowDown);
        screen.key(KeyType.Enter);
        screen.type(SHA);
        screen.key(KeyType.Enter);

        String form = screen.text();
        assertThat(form).contains("approved plan");
        assertThat(joined(form)).contains(SHA);
        assertThat(form).as("the rows under it are still there").contains("administrator").contains("witness")
                .contains("> Start the ceremony");
    }

    @Test
    void theEndOfARun_showsTheWholeSealLine_withNothingDrawnOverIt() {
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            op.showStep(3, 3, new ScriptStep("export", "Write the files to the export medium.", StepAction.CONFIRM,
                    Set.of(Role.ADMINISTRATOR), Map.of()));
            op.say("confirmed by the witness, Wendy Witness");
            op.say("Sealed; head " + SHA);
            op.say("Transcript: /tmp/demo/records/transcripts/root-ca-20261205T200857Z.txt");
            return completed();
        }), 80, 24, List.of());
        start(screen);
        screen.until(text -> text.contains("+- Ceremony completed"));
        screen.key(KeyType.Enter);

        String page = screen.until(text -> text.contains("Enter: back to the home screen") && !text.contains("+-"));
        assertThat(joined(page)).contains("Sealed;head" + SHA).contains(squeezed(
                "Transcript: /tmp/demo/records/transcripts/root-ca-20261205T200857Z.txt"))
                .contains(squeezed("confirmed by the witness, Wendy Witness")).contains("Ceremonycompleted.");
        assertThat(page.lines().filter(line -> line.contains("Ceremony completed")))
                .as("the end line stands on rows of its own").allMatch(line -> line.startsWith("Ceremony completed"));
    }

    @Test
    void theRunnerPage_showsWhatWasSaid_inWholeLines_neverTheTailOfOneWhoseStartScrolledAway() throws Exception {
        com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal terminal =
                new com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal(
                        new com.googlecode.lanterna.TerminalSize(80, 22));
        com.googlecode.lanterna.screen.TerminalScreen lanterna = new com.googlecode.lanterna.screen.TerminalScreen(
                terminal);
        Ui ui = new Ui(new com.googlecode.lanterna.gui2.MultiWindowTextGUI(lanterna));
        for (int later = 0; later < 24; later++) {
            RunnerView runner = new RunnerView(ui, "root-ca", List.of("preflight", "export"), () -> { });
            runner.step(2, new ScriptStep("export", "Write the files.", StepAction.CONFIRM, Set.of(
                    Role.ADMINISTRATOR), Map.of()));
            runner.say("Sealed; head " + SHA);
            for (int i = 0; i < later; i++) {
                runner.say("line " + i);
            }
            runner.busy(false);
            terminal.clearScreen();
            runner.draw(new Canvas(terminal.newTextGraphics(), 0, 0, 80, 22));
            StringBuilder shown = new StringBuilder();
            for (int row = 0; row < 22; row++) {
                for (int column = 0; column < 80; column++) {
                    shown.append(terminal.getCharacter(column, row).getCharacterString());
                }
                shown.append('\n');
            }
            String page = joined(shown.toString());
            assertThat(!page.contains(SHA.substring(56)) || page.contains("Sealed;head" + SHA))
                    .as("after %d more lines the page shows the hash whole or not at all:%n%s", later, shown).isTrue();
        }
    }

    @Test
    void aConfirmationLongerThanTheBox_saysToScrollToTheEnd_untilItsEndWasShown() {
        Facts facts = Facts.of("The certificate about to be signed:");
        for (int i = 0; i < 30; i++) {
            facts = facts.with("fact " + i, "value " + i);
        }
        Facts shown = facts;
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            op.confirm(new ScriptStep("self-sign-root", "Sign the root.", StepAction.CONFIRM, Set.of(
                    Role.ADMINISTRATOR), Map.of()), Role.ADMINISTRATOR, shown);
            return completed();
        }), 80, 24, List.of());
        start(screen);

        String top = screen.until(text -> text.contains("Confirmation by the administrator"));
        String hints = top.lines().toList().get(23);
        assertThat(hints).doesNotContain("Enter").contains("PgDn");
        screen.key(KeyType.Enter);
        assertThat(screen.text()).contains("Read to the end before confirming").contains("Confirmation by");
        screen.key(KeyType.PageDown);
        screen.key(KeyType.PageDown);
        assertThat(screen.text().lines().toList().get(23)).contains("Enter: Alice Admin confirms");
        screen.key(KeyType.Enter);
        screen.until(text -> text.contains("+- Ceremony completed"));
    }

    @Test
    void theReviewTable_marksACutCell_andTheDetailShowsTheWholeFileName() {
        String file = "broker-with-a-very-long-file-name-for-the-eu-central-1-region.csr";
        VirtualScreen screen = new VirtualScreen(new ScriptedBackend(DASHBOARD, op -> {
            op.verdict(new Verdict(file, Optional.of(new RequestSummary("CN=broker-with-a-very-long-name.example.com",
                    List.of("DNS:broker-with-a-very-long-name.example.com"), "EC P-256", List.of())), Optional.empty(),
                    List.of(new dev.ceremony.pki.csr.Refusal("san-missing", "no"))));
            op.leftOut();
            return completed();
        }), 80, 24, List.of());
        start(screen);

        String table = screen.until(text -> text.contains("Review: 0 valid"));
        String row = table.lines().filter(line -> line.contains(" -  broker")).findFirst().orElseThrow();
        assertThat(row).as("each cut cell ends in the mark").contains("...").contains("REFUSED");
        assertThat(table).contains("Enter shows it whole");
        screen.key(KeyType.Enter);
        String detail = screen.text();
        assertThat(joined(detail)).contains("file:" + file);
        assertThat(squeezed(column(detail, 0))).contains("CN=broker-with-a-very-long-name.example.com");
    }
}
