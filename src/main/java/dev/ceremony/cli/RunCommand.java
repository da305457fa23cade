package dev.ceremony.cli;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CeremonyPlan;
import dev.ceremony.engine.CeremonyRunner;
import dev.ceremony.engine.CeremonyScript;
import dev.ceremony.engine.FourEyes;
import dev.ceremony.engine.PlanHash;
import dev.ceremony.engine.ResolvedScript;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.RunMode;
import dev.ceremony.engine.RunOutcome;
import dev.ceremony.engine.RunRequest;
import dev.ceremony.engine.StepRefused;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ceremony run SCRIPT --plan | --batch}: a ceremony's plan, or the ceremony run headless. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Print a ceremony's plan (--plan), or run the ceremony headless (--batch): the same engine, "
            + "the same audit records, with confirmations recorded as given on the command line.",
            "A ceremony that stopped (crash, refusal, error) resumes after its last completed step when it is run "
                + "again with the same parameters; --abort REASON ends it instead.",
            "Exit 0 when the plan passes, the ceremony completed, or --abort ended it; 1 when it was refused, "
                + "stopped or aborted by a person, or completed with reviewed requests it did not sign; 2 on a "
                + "usage error."})
final class RunCommand implements Callable<Integer> {


    private final Services services;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The ceremony script's id, e.g. sign-csrs "
            + "(see 'ceremony scripts').")
    private String scriptId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;

    /** Exactly one of the three. */
    static final class Mode {
        @Option(names = "--plan", required = true, description = "Print what the ceremony will do and create, and the "
                + "plan's SHA-256, without touching the token.")
        boolean plan;

        @Option(names = "--batch", required = true, description = "Run the ceremony headless.")
        boolean batch;

        @Option(names = "--abort", required = true, paramLabel = "REASON", description = "Abort the unfinished "
                + "ceremony of SCRIPT: destroy the keys it made that nothing certifies, record REASON, seal.")
        String abort;
    }

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A script parameter; repeat for each.")
    private List<String> parameters = List.of();

    @Option(names = "--import", paramLabel = "DIR", description = "The import medium (requests to sign).")
    private Path importFrom;

    @Option(names = "--export", paramLabel = "DIR", description = "The export medium; a new folder is made on it.")
    private Path exportTo;

    @Option(names = "--pin-file", paramLabel = "FILE", description = "File with the token's user PIN (mode 600); "
            + "else $CEREMONY_PIN.")
    private Path pinFile;

    @Option(names = "--so-pin-file", paramLabel = "FILE", description = "File with the token's current SO PIN "
            + "(mode 600), for quorum-setup in batch mode; rehearsal tokens only.")
    private Path soPinFile;

    @Option(names = "--share-file", paramLabel = "FILE", description = "A custodian's share (mode 600), to log in "
            + "by quorum in batch mode; repeat for each share needed. Rehearsal tokens only.")
    private List<Path> shareFiles = List.of();

    @Option(names = "--share-out", paramLabel = "DIR", description = "Where batch mode writes the shares it hands "
            + "out (one new file each, mode 600). Rehearsal tokens only: in production each share is shown once to "
            + "its custodian in the terminal UI.")
    private Path shareOut;

    @Option(names = "--operator", paramLabel = "NAME", description = "The ceremony administrator's name (batch mode).")
    private String operator;

    @Option(names = "--witness", paramLabel = "NAME", description = "The witness's name (batch mode).")
    private String witness;

    @Option(names = "--leave-out", paramLabel = "FILE", description = "A request (its file name on the import "
            + "medium) the review accepted that is not to be signed; repeat for each. Logged with the operator's name.")
    private List<String> leaveOut = List.of();

    @Option(names = "--note", paramLabel = "TEXT", description = "An operator's note for the audit log and the "
            + "transcript; repeat for each.")
    private List<String> notes = List.of();

    @Option(names = "--approved-plan", paramLabel = "HASH", description = "SHA-256 of the plan the officers signed, "
            + "as --plan prints it (upper or lower case; spaces and colons between the digits are ignored): the run "
            + "refuses to start when its plan differs. A resume of an unfinished ceremony also takes the plan that "
            + "ceremony started under.")
    private String approvedPlan;

    RunCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Optional<PlanHash> approved;
        try {
            approved = Optional.ofNullable(approvedPlan).map(PlanHash::parse);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--approved-plan: " + e.getMessage());
        }
        Map<Role, String> names = new EnumMap<>(Role.class);
        Optional.ofNullable(operator).ifPresent(name -> names.put(Role.ADMINISTRATOR, name(name, "--operator")));
        Optional.ofNullable(witness).ifPresent(name -> names.put(Role.WITNESS, name(name, "--witness")));
        FourEyes.breach(names).ifPresent(breach -> {
            throw new ParameterException(spec.commandLine(), "--operator and --witness: " + breach);
        });
        Ceremonies ceremonies = new Ceremonies(services);
        ApplianceConfig appliance = services.configs().read(config.resolve(services.environment()));
        CeremonyScript script = ceremonies.script(appliance, scriptId);
        Path scriptFile = appliance.scriptsDirectory().resolve(scriptId + ".yaml");
        CeremonyRunner runner = ceremonies.runner(appliance);
        PrintWriter out = spec.commandLine().getOut();
        BatchShares shares = new BatchShares(!appliance.token().production(), appliance.token().label(),
                Optional.ofNullable(soPinFile), shareFiles, Optional.ofNullable(shareOut));
        shares.requireAllowed();
        BatchOperator batch = new BatchOperator(out, names, services.pins(), Optional.ofNullable(pinFile),
                Set.copyOf(leaveOut), shares);
        try {
            if (mode.abort != null) {
                report(out, runner.abortUnfinished(script, names, batch, mode.abort));
                return 0;
            }
            ResolvedScript resolved;
            try {
                resolved = ResolvedScript.of(script, parameters());
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(scriptFile + ": " + e.getMessage());
            }
            if (mode.plan) {
                CeremonyPlan plan = runner.plan(resolved);
                out.print(plan.text());
                out.println();
                out.println("Plan SHA-256 " + plan.sha256());
                out.println("(give it to the run as --approved-plan " + plan.sha256() + ")");
                out.flush();
                return plan.passes() ? 0 : 1;
            }
            RunRequest request;
            try {
                request = new RunRequest(resolved, RunMode.BATCH, names, Optional.ofNullable(importFrom),
                        Optional.ofNullable(exportTo), approved, notes);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--note: " + e.getMessage());
            }
            return report(out, runner.run(request, batch));
        } catch (StepRefused e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private int report(PrintWriter out, RunOutcome outcome) {
        return report(out, spec.commandLine().getErr(), outcome, scriptId);
    }

    /**
     * Prints how the ceremony ended and returns the exit status: 0 only for a plain success; 1 when
     * it stopped, was aborted or refused, or completed with reviewed requests it did not sign.
     */
    static int report(PrintWriter out, PrintWriter err, RunOutcome outcome, String scriptId) {
        out.println();
        switch (outcome.ending()) {
            case COMPLETED -> out.println("Ceremony " + outcome.ceremony() + " " + outcome.summary() + ".");
            case ABORTED -> out.println("Ceremony " + outcome.ceremony() + " aborted: " + outcome.reason().orElse(""));
            case REFUSED -> {
                out.println("Ceremony " + outcome.ceremony() + " refused before it changed anything: "
                        + outcome.reason().orElse(""));
                out.println("It is ended; nothing is left to resume. Fix the cause and run the ceremony again.");
            }
            case STOPPED -> {
                out.println("Ceremony " + outcome.ceremony() + " stopped: " + outcome.reason().orElse(""));
                out.println("Fix the cause and run the same command again to resume at this step, or end the ceremony "
                        + "with: ceremony run " + scriptId + " --abort REASON");
            }
        }
        outcome.head().ifPresent(head -> out.println("Audit log head " + head));
        outcome.transcript().ifPresent(file -> out.println("Transcript " + file));
        out.flush();
        if (outcome.ending() == RunOutcome.Ending.COMPLETED && !outcome.success()) {
            err.println("ceremony: " + outcome.ceremony() + " " + outcome.summary() + "; the transcript and the log "
                    + "name the rule that refused each");
            err.flush();
            return 1;
        }
        if (outcome.ending() != RunOutcome.Ending.COMPLETED) {
            err.println("ceremony: " + outcome.ceremony() + " " + outcome.ending().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + outcome.reason().orElse(""));
            err.flush();
            return 1;
        }
        return 0;
    }

    private String name(String value, String option) {
        if (value.isBlank() || !dev.ceremony.text.Printable.isPrintable(value) || value.length() > 64) {
            throw new ParameterException(spec.commandLine(), option + " takes a person's name: 1 to 64 printable "
                    + "characters");
        }
        return value.strip();
    }

    private Map<String, String> parameters() {
        Map<String, String> given = new LinkedHashMap<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals < 1) {
                throw new ParameterException(spec.commandLine(), "--param takes NAME=VALUE, not '" + parameter + "'");
            }
            String name = parameter.substring(0, equals);
            if (given.put(name, parameter.substring(equals + 1)) != null) {
                throw new ParameterException(spec.commandLine(), "--param " + name + " is given twice");
            }
        }
        return given;
    }
}
