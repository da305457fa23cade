package dev.ceremony.cli;

import dev.ceremony.tui.Backend;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ceremony demo [--dir DIR]}: a throwaway SoftHSM2 token, configuration and media folders
 * (the import one with sample requests), then the TUI on them. A folder made before is reopened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Make a throwaway rehearsal appliance (SoftHSM2 token, ceremony.yaml, an import folder with "
            + "sample server and device requests, an empty export folder) and open the TUI on it.",
            "SoftHSM2 reads SOFTHSM2_CONF when the token library loads, so it must name DIR/softhsm2.conf before the "
                + "program starts: bin/ceremony demo does that."})
final class DemoCommand implements Callable<Integer> {

    private final Services services;
    private final DebugLog debugLog;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to make the demo appliance (default: a new "
            + "temporary folder); an existing demo folder is reopened.")
    private Path dir;

    @Option(names = "--home", paramLabel = "DIR", description = "Where the ceremony scripts and token families are "
            + "installed (default: the folder above the program's jar).")
    private Path home;

    DemoCommand(Services services, DebugLog debugLog) {
        this.services = services;
        this.debugLog = debugLog;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path folder = dir != null ? dir : Files.createTempDirectory("ceremony-demo-");
        DemoAppliance demo = new DemoAppliance(folder, home != null ? home : installation());
        String expected = demo.softhsmConfig().toString();
        if (!expected.equals(services.environment().get("SOFTHSM2_CONF"))) {
            throw new CommandFailure("SOFTHSM2_CONF must name the demo's token configuration before the program "
                    + "starts. Run: SOFTHSM2_CONF=" + expected + " ceremony demo --dir " + demo.config().getParent()
                    + " (bin/ceremony demo does this for you)");
        }
        if (!demo.exists()) {
            demo.create();
        }
        List<String> welcome = List.of("This is a demo appliance in " + demo.config().getParent() + ", on a throwaway "
                + "SoftHSM2 token marked as a rehearsal token. Never use it for production keys.",
                "The token's user PIN is " + DemoAppliance.PIN + ".",
                "Its SO PIN, which quorum-setup asks for, is " + DemoAppliance.SO_PIN + ".",
                "Run the ceremonies in this order: root-ca, then intermediate-ca (ca: server-ca or device-ca), then "
                        + "sign-csrs (profile mqtt-server with issuer server-ca, or mqtt-device with device-ca); quorum-setup puts "
                        + "the PINs under M-of-N custodian control. The "
                        + "requests are in " + demo.importFolder() + "; exports go to " + demo.exportFolder() + ".");
        return new TerminalUi(services, debugLog).open(demo.config(), new Backend.MediaDefaults(Optional.of(
                demo.importFolder()), Optional.of(demo.exportFolder())), welcome);
    }

    /** The installation the running jar belongs to: target/ceremony.jar in a checkout, or its folder. */
    private static Path installation() {
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path parent = jar.toAbsolutePath().getParent();
            return parent.getFileName() != null && parent.getFileName().toString().equals("target")
                    ? parent.getParent() : parent;
        } catch (URISyntaxException | SecurityException e) {
            return Path.of(".").toAbsolutePath();
        }
    }
}
