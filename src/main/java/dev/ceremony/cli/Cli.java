package dev.ceremony.cli;

import dev.ceremony.config.ConfigException;
import dev.ceremony.engine.StepRefused;
import dev.ceremony.media.MediaException;
import dev.ceremony.records.RecordsException;
import dev.ceremony.token.TokenDriver;
import dev.ceremony.token.TokenException;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.TokenFamilyReader;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command-line face: builds the picocli command tree from the services {@code Main} wires,
 * runs one command, and turns every refusal into a one-line message and exit status 1.
 */
public final class Cli {

    private final Services services;
    private final DebugLog debugLog;

    /**
     * @param verifier the JCA provider that verifies signatures (BouncyCastle)
     * @param records opens the CA records of a directory
     * @param media lists the media the appliance can see
     * @param network lists the machine's network interfaces (for the air-gap check)
     * @param adapters the audit log, records and media as the ceremony engine uses them
     */
    public Cli(ApplianceConfigReader configs, TokenFamilyReader families, ScriptReader scripts, TokenDriver driver,
            Map<String, String> environment, String userHome, java.security.Provider verifier, RecordsOpener records,
            MediaLister media, NetworkLister network, CeremonyAdapters adapters) {
        this.services = new Services(configs, families, scripts, driver, environment, new PinSource(environment),
                new ConsoleFinalTry(), verifier, records, media, network, adapters);
        this.debugLog = DebugLog.fromEnvironment(environment, userHome);
    }

    /** Runs {@code args}; returns the exit status (0 success, 1 refused or failed, 2 usage). */
    public int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine root = new CommandLine(new CeremonyCommand(services, debugLog));
        CommandLine token = new CommandLine(new TokenCommand());
        token.addSubcommand(new CommandLine(new TokenInfoCommand(services)));
        root.addSubcommand(token);
        CommandLine audit = new CommandLine(new AuditCommand());
        audit.addSubcommand(new CommandLine(new AuditVerifyCommand(services)));
        root.addSubcommand(audit);
        root.addSubcommand(new CommandLine(new StatusCommand(services)));
        root.addSubcommand(new CommandLine(new ScriptsCommand(services)));
        root.addSubcommand(new CommandLine(new RunCommand(services)));
        root.addSubcommand(new CommandLine(new DemoCommand(services, debugLog)));
        CommandLine csr = new CommandLine(new CsrCommand());
        csr.addSubcommand(new CommandLine(new CsrInspectCommand(services)));
        root.addSubcommand(csr);
        root.setOut(out);
        root.setErr(err);
        root.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            debugLog.record(String.join(" ", commandLine.getCommandSpec().qualifiedName()), failure);
            if (failure instanceof ConfigException || failure instanceof TokenException
                    || failure instanceof CommandFailure || failure instanceof StepRefused
                    || failure instanceof RecordsException || failure instanceof MediaException) {
                err.println("ceremony: " + failure.getMessage());
            } else {
                err.println("ceremony: unexpected error: " + failure + ". Details are in the debug log, "
                        + debugLog.file() + ".");
            }
            err.flush();
            return 1;
        });
        int status = root.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
