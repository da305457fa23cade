package dev.ceremony;

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
import java.nio.charset.StandardCharsets;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Wires the object graph and runs the command line. Nothing else in Ceremony creates adapters. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        StrictYaml yaml = new StrictYaml();
        Cli cli = new Cli(
                new ApplianceConfigReader(yaml),
                new TokenFamilyReader(yaml),
                new ScriptReader(yaml),
                new Pkcs11TokenDriver(JdkCryptoki::load, Runtime.getRuntime().availableProcessors()),
                System.getenv(),
                System.getProperty("user.home"),
                new BouncyCastleProvider(),
                JournalCaRecords::open,
                MediaFinder.system()::find,
                new SysNetworkLinks(SysNetworkLinks.SYSTEM)::read,
                new FileAdapters());
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status;
        try {
            status = cli.run(args, out, err);
        } catch (OutOfMemoryError e) {
            // A stack trace would say nothing to an officer; what to do would.
            err.println("ceremony: out of memory (a heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB). A ceremony stopped by this is unfinished and resumes when it is run again with more "
                    + "memory, e.g. CEREMONY_JAVA_OPTS=-Xmx2g");
            err.flush();
            status = 1;
        }
        System.exit(status);
    }
}
