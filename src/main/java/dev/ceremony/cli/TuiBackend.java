package dev.ceremony.cli;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CeremonyPlan;
import dev.ceremony.engine.CeremonyScript;
import dev.ceremony.engine.Operator;
import dev.ceremony.engine.PlanHash;
import dev.ceremony.engine.ResolvedScript;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.RunMode;
import dev.ceremony.engine.RunOutcome;
import dev.ceremony.engine.RunRequest;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.engine.StepAction;
import dev.ceremony.engine.StepRefused;
import dev.ceremony.media.Medium;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.CaStatus;
import dev.ceremony.records.StatusReport;
import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.text.Printable;
import dev.ceremony.token.Token;
import dev.ceremony.tui.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The TUI's way into the program: the same services, engine and reports as the commands, for one
 * configuration file. Texts from outside (names, subjects, file names) are escaped here.
 */
final class TuiBackend implements Backend {

    private final Services services;
    private final Path config;
    private final MediaDefaults media;
    private final DebugLog debugLog;
    private final Ceremonies ceremonies;

    TuiBackend(Services services, Path config, MediaDefaults media, DebugLog debugLog) {
        this.services = services;
        this.config = config;
        this.media = media;
        this.debugLog = debugLog;
        this.ceremonies = new Ceremonies(services);
    }

    private ApplianceConfig appliance() {
        return services.configs().read(config);
    }

    @Override
    public Dashboard dashboard() {
        ApplianceConfig appliance = appliance();
        List<String> token = new ArrayList<>();
        try (Token opened = services.driver().open(services.families().read(appliance.token().hsmConfig()),
                appliance.token().label(), appliance.token().serial())) {
            token.add("present: '" + Printable.escape(opened.identity().label()) + "', serial "
                    + Printable.escape(opened.identity().serial()) + ", "
                    + (appliance.token().production() ? "PRODUCTION" : "rehearsal") + " token");
            token.add(Printable.escape(opened.identity().manufacturer()) + " " + Printable.escape(opened.identity()
                    .model()) + "; PIN " + opened.pinState().describe());
        } catch (RuntimeException e) {
            token.add("NOT READY: " + Printable.escape(String.valueOf(e.getMessage())));
        }
        if (!Files.isDirectory(appliance.recordsDirectory())) {
            return new Dashboard(token, List.of(), List.of(), List.of("no ceremony has run yet"),
                    List.of("no records yet: start with the root-ca ceremony"));
        }
        StatusReport report;
        try (CaRecords records = services.records().open(appliance.recordsDirectory())) {
            Path log = appliance.auditLog();
            report = new CaStatus(new AuditVerifier(services.verifier()), appliance.warnings()).report(records,
                    Files.exists(log) ? Optional.of(() -> LogFiles.open(log)) : Optional.empty(), Instant.now());
        }
        if (!report.quorums().isEmpty()) {
            token.add(String.join("; ", report.quorums().stream().map(quorum -> quorum.role().word() + " PIN under "
                    + quorum.quorum().threshold() + " of " + quorum.quorum().shares() + " (" + Printable.escape(
                            String.join(", ", quorum.custodians())) + ")").toList()));
        }
        List<String> cas = report.cas().stream().map(ca -> String.format("%-14s %5d days to expiry  %s",
                Printable.escape(ca.name()), ca.daysLeft(), Printable.escape(ca.subject()))).toList();
        List<String> crls = report.crls().stream().map(crl -> String.format("%-14s %s", Printable.escape(crl.ca()),
                crl.nextUpdate().map(next -> "number " + crl.number().map(Object::toString).orElse("?") + ", next "
                        + "update in " + crl.daysLeft() + " days").orElse("none signed yet"))).toList();
        List<String> last = report.log().map(log -> List.of(Printable.escape(log.lastCeremony()) + " at "
                + log.lastTime() + (log.valid() ? "" : "  LOG DOES NOT VERIFY"), "head " + log.head())).orElse(
                List.of("none"));
        List<String> warnings = new ArrayList<>();
        report.warnings().forEach(warning -> warnings.add(Printable.escape(warning)));
        return new Dashboard(token, cas, crls, last, warnings);
    }

    @Override
    public List<ScriptInfo> scripts() {
        ApplianceConfig appliance = appliance();
        List<ScriptInfo> scripts = new ArrayList<>();
        try (Stream<Path> listing = Files.list(appliance.scriptsDirectory())) {
            for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                CeremonyScript script = services.scripts().read(file);
                List<Parameter> parameters = script.parameters().stream().map(p -> new Parameter(p.name(),
                        p.description(), p.defaultValue())).toList();
                boolean imports = script.steps().stream().anyMatch(s -> s.action() == StepAction.IMPORT_CSRS);
                boolean exports = script.steps().stream().anyMatch(s -> s.action() == StepAction.EXPORT);
                scripts.add(new ScriptInfo(script.id(), script.title(), script.description(), parameters, imports,
                        exports));
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot list the ceremony scripts in " + appliance.scriptsDirectory() + ": "
                    + e.getMessage());
        }
        return scripts;
    }

    @Override
    public List<String> steps(String script) {
        return ceremonies.script(appliance(), script).steps().stream().map(ScriptStep::id).toList();
    }

    @Override
    public CeremonyPlan plan(String script, Map<String, String> parameters) {
        ApplianceConfig appliance = appliance();
        try {
            return ceremonies.runner(appliance).plan(resolve(appliance, script, parameters));
        } catch (StepRefused e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    @Override
    public void requireApproved(String script, Map<String, String> parameters, PlanHash approved) {
        ApplianceConfig appliance = appliance();
        try {
            ceremonies.runner(appliance).requireApproved(resolve(appliance, script, parameters), approved);
        } catch (StepRefused e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    @Override
    public RunOutcome run(String script, Map<String, String> parameters, Map<Role, String> participants,
            Optional<Path> importFrom, Optional<Path> exportTo, Optional<PlanHash> approvedPlan, Operator operator) {
        ApplianceConfig appliance = appliance();
        ResolvedScript resolved = resolve(appliance, script, parameters);
        try {
            RunRequest request = new RunRequest(resolved, RunMode.INTERACTIVE, participants, importFrom, exportTo,
                    approvedPlan, List.of());
            return ceremonies.runner(appliance).run(request, operator);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        } catch (StepRefused e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private ResolvedScript resolve(ApplianceConfig appliance, String script, Map<String, String> parameters) {
        try {
            return ResolvedScript.of(ceremonies.script(appliance, script), parameters);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(script + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> verifyLog() {
        ApplianceConfig appliance = appliance();
        List<String> args = new ArrayList<>(List.of(appliance.auditLog().toString()));
        Path root = appliance.recordsDirectory().resolve("ca").resolve("root-ca.cert.pem");
        if (Files.exists(root)) {
            args.addAll(List.of("--root", root.toString()));
        }
        return command(new AuditVerifyCommand(services), args);
    }

    @Override
    public List<String> status() {
        return command(new StatusCommand(services), List.of("--config", config.toString()));
    }

    @Override
    public List<String> media() {
        List<String> lines = new ArrayList<>();
        List<Medium> found = services.media().find(appliance().media().directories());
        lines.add("Media the appliance sees:");
        if (found.isEmpty()) {
            lines.add("  none");
        }
        for (Medium medium : found) {
            lines.add("  " + Printable.escape(medium.mountPoint().toString()) + "  " + medium.label().map(
                    Printable::escape).orElse("(no label)") + "  " + medium.filesystem() + (medium.readOnly() ? "  read-only"
                            : "  read-write") + "  " + medium.freeBytes() / (1024 * 1024) + " MiB free");
        }
        media.importFrom().ifPresent(folder -> {
            lines.add("");
            lines.add("Import folder " + Printable.escape(folder.toString()) + ":");
            try (Stream<Path> files = Files.list(folder)) {
                files.sorted().limit(200).forEach(file -> lines.add("  " + Printable.escape(file.getFileName()
                        .toString()) + "  " + size(file) + " bytes"));
            } catch (IOException e) {
                lines.add("  cannot be listed: " + Printable.escape(String.valueOf(e.getMessage())));
            }
        });
        return lines;
    }

    @Override
    public MediaDefaults mediaDefaults() {
        return media;
    }

    @Override
    public Path debugLog() {
        return debugLog.file();
    }

    @Override
    public void debug(String context, Throwable failure) {
        debugLog.record("tui: " + context, failure);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A command's output (and its errors) as lines, as the command line would print them. */
    private List<String> command(Callable<Integer> command, List<String> args) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        CommandLine line = new CommandLine(command);
        line.setOut(out);
        line.setErr(out);
        line.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            debugLog.record("tui: " + String.join(" ", args), failure);
            out.println("ceremony: " + failure.getMessage());
            return 1;
        });
        line.execute(args.toArray(String[]::new));
        out.flush();
        return List.of(text.toString().split("\n", -1));
    }
}
