package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.FileAdapters;
import dev.ceremony.engine.CeremonyPlan;
import dev.ceremony.engine.Operator;
import dev.ceremony.engine.PlanHash;
import dev.ceremony.engine.Role;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.files.MediaFinder;
import dev.ceremony.files.SysNetworkLinks;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.pkcs11.Pkcs11TokenDriver;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.tui.Backend;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import dev.ceremony.yaml.TokenFamilyReader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan is one plan: once the root exists, {@code run --plan} and the terminal UI show the same
 * text, resolved against the records (the real root's subject and signature algorithm), with the
 * same SHA-256, and a run is held to that hash, from the command line and from the UI alike.
 */
@SoftHsm
class PlanAgainstRecordsTest {

    private static final List<String> SERVER_CA = List.of("--param", "ca=server-ca", "--param",
            "common-name=Plan Server CA", "--param", "permitted-dns=example.com");

    @TempDir
    Path dir;

    private TestCli cli;
    private Path config;

    private TestCli.Result run(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--config", config.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    private TestCli.Result plan() {
        List<String> args = new ArrayList<>(List.of("run", "intermediate-ca", "--plan"));
        args.addAll(SERVER_CA);
        return run(args);
    }

    private TestCli.Result batch(String script, List<String> more) {
        List<String> args = new ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin", "--witness",
                "Wendy Witness", "--export", dir.resolve("usb-export").toString()));
        args.addAll(more);
        TestCli.Result result = run(args);
        assertThat(result.status()).as(script + ":\n" + result.all()).isZero();
        return result;
    }

    private TuiBackend tuiBackend(Map<String, String> environment) {
        StrictYaml yaml = new StrictYaml();
        Services services = new Services(new ApplianceConfigReader(yaml), new TokenFamilyReader(yaml),
                new ScriptReader(yaml), new Pkcs11TokenDriver(JdkCryptoki::load, 1), environment,
                new PinSource(environment), new ConsoleFinalTry(), TestHierarchy.BC, JournalCaRecords::open,
                MediaFinder.system()::find, new SysNetworkLinks(SysNetworkLinks.SYSTEM)::read, new FileAdapters());
        return new TuiBackend(services, config, new Backend.MediaDefaults(Optional.empty(), Optional.empty()),
                DebugLog.fromEnvironment(environment, dir.toString()));
    }

    /** An operator the engine must not reach: every question fails the test. */
    private static Operator nobody() {
        return (Operator) Proxy.newProxyInstance(Operator.class.getClassLoader(), new Class<?>[] {Operator.class},
                (proxy, method, args) -> {
                    throw new AssertionError("the engine asked the operator " + method.getName()
                            + " although the run was to be refused first");
                });
    }

    @Test
    void onceTheRootExists_thePlanShowsItsRealIssuer_isTheSameInTheTui_andHoldsTheRunToItsHash(TestToken testToken)
            throws Exception {
        Map<String, String> environment = Map.of("CEREMONY_PIN", testToken.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString());
        config = testToken.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:",
                "  allow-network: true"));
        cli = new TestCli(dir, environment);
        Files.createDirectories(dir.resolve("usb-export"));
        TuiBackend tui = tuiBackend(environment);

        assertThat(plan().out().replaceAll("\\s+", " ")).as("without records, a placeholder root stands in, and says so")
                .contains("issuer C=DE,O=Ceremony Test Org,CN=Root CA of an earlier ceremony")
                .contains("The records here hold none of the CAs this plan uses: placeholders stand in");

        batch("root-ca", List.of("--param", "root-common-name=Plan Root", "--param", "root-key-spec=ec-p256"));
        TestCli.Result printed = plan();
        CeremonyPlan shown = tui.plan("intermediate-ca", Map.of("ca", "server-ca", "common-name", "Plan Server CA",
                "permitted-dns", "example.com"));

        assertThat(printed.status()).as(printed.all()).isZero();
        assertThat(printed.out()).contains("issuer         C=DE,O=Ceremony Test Org,CN=Plan Root")
                .contains("signature      1.2.840.10045.4.3.2 (ECDSA with SHA-256)")
                .doesNotContain("of an earlier ceremony").doesNotContain("SHA-384");
        assertThat(printed.out().replaceAll("\\s+", " ")).contains("root-ca C=DE,O=Ceremony Test Org,CN=Plan Root; "
                + "EC P-256 key, signs SHA256withECDSA").contains("Read from the records. If they change before the run");
        assertThat(printed.out()).as("the TUI shows the very plan run --plan prints").startsWith(shown.text())
                .contains("Plan SHA-256 " + shown.sha256());

        Path log = dir.resolve("appliance/records/audit.jsonl");
        byte[] before = Files.readAllBytes(log);
        PlanHash other = PlanHash.parse(shown.sha256().replace(shown.sha256().charAt(0),
                shown.sha256().charAt(0) == 'a' ? 'b' : 'a'));
        assertThatThrownBy(() -> tui.run("intermediate-ca", Map.of("ca", "server-ca", "common-name", "Plan Server CA",
                "permitted-dns", "example.com"), Map.of(Role.ADMINISTRATOR, "Alice Admin", Role.WITNESS,
                        "Wendy Witness"), Optional.empty(), Optional.of(dir.resolve("usb-export")), Optional.of(other),
                nobody())).hasMessageContaining("this ceremony's plan has SHA-256 " + shown.sha256() + ", not the "
                        + "approved " + other.hex());
        assertThat(Files.readAllBytes(log)).as("a refused start writes nothing").isEqualTo(before);

        List<String> approved = new ArrayList<>(SERVER_CA);
        approved.addAll(List.of("--approved-plan", shown.sha256()));
        assertThat(batch("intermediate-ca", approved).out()).as("the run checks the plan it was shown")
                .contains(" completed.");
    }
}
