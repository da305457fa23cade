package dev.ceremony.testing;

import dev.ceremony.FileAdapters;
import dev.ceremony.cli.Cli;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.files.MediaFinder;
import dev.ceremony.files.SysNetworkLinks;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.pkcs11.Pkcs11TokenDriver;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import dev.ceremony.yaml.TokenFamilyReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The command line wired as {@code Main} wires it (real token driver, records, media), with captured output. */
public final class TestCli {

    /** What one command printed and its exit status. */
    public record Result(int status, String out, String err) {

        /** Standard output followed by standard error. */
        public String all() {
            return out + err;
        }
    }

    private final Path home;
    private final Map<String, String> environment;
    private final Pkcs11TokenDriver.Loader loader;

    /**
     * The arguments of {@code run SCRIPT --batch} confirmed by Alice Admin and Wendy Witness, exporting
     * to {@code export}, on the appliance {@code config}, then {@code more}.
     */
    public static List<String> batchRun(String script, Path export, Path config, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", script, "--batch", "--operator", "Alice Admin",
                "--witness", "Wendy Witness", "--export", export.toString(), "--config", config.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** A command line whose debug log goes to {@code dir/debug.log}. */
    public TestCli(Path dir) {
        this(dir, Map.of("CEREMONY_DEBUG_LOG", dir.resolve("debug.log").toString()));
    }

    public TestCli(Path home, Map<String, String> environment) {
        this(home, environment, JdkCryptoki::load);
    }

    /** With the PKCS#11 module loaded through {@code loader}: the fault seam, or a call counter. */
    public TestCli(Path home, Map<String, String> environment, Pkcs11TokenDriver.Loader loader) {
        this.home = home;
        this.environment = Map.copyOf(environment);
        this.loader = loader;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StrictYaml yaml = new StrictYaml();
        int status = new Cli(new ApplianceConfigReader(yaml), new TokenFamilyReader(yaml), new ScriptReader(yaml),
                new Pkcs11TokenDriver(loader, 1), environment, home.toString(), TestHierarchy.BC,
                JournalCaRecords::open, MediaFinder.system()::find,
                new SysNetworkLinks(SysNetworkLinks.SYSTEM)::read, new FileAdapters())
                .run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }
}
