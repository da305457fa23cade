package dev.ceremony.cli;

import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.IncompleteFolders;
import dev.ceremony.engine.NetworkCheck;
import dev.ceremony.files.OwnerOnly;
import dev.ceremony.engine.PreflightFinding;
import dev.ceremony.media.Medium;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.CaStatus;
import dev.ceremony.records.MirroredCaRecords;
import dev.ceremony.quorum.CustodianQuorum;
import dev.ceremony.records.StatusReport;
import dev.ceremony.text.KebabCase;
import dev.ceremony.text.Printable;
import dev.ceremony.audit.LogComparison;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ceremony status}: CAs, CRLs, counts, the last ceremony and its head hash, and warnings. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the CAs with their expiry, the CRLs with their next update, counts issued and revoked, "
            + "the last ceremony with the audit log's head hash, and warnings. Changes nothing.")
final class StatusCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    StatusCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        ApplianceConfig appliance = services.configs().read(config.resolve(services.environment()));
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(appliance.recordsDirectory())) {
            // Before the root ceremony (or with the records medium not in): what the appliance sees still matters.
            out.println("No records at " + appliance.recordsDirectory() + ": no ceremony has run yet, or the records "
                    + "medium is not in.");
            printMedia(out, services.media().find(appliance.media().directories()));
            printAirGap(out, new NetworkCheck(appliance.preflight().allowNetwork()).check(services.network().links()));
            out.flush();
            return 0;
        }
        Optional<Supplier<InputStream>> log = Files.exists(appliance.auditLog())
                ? Optional.of(() -> LogFiles.open(appliance.auditLog())) : Optional.empty();
        StatusReport report;
        List<String> mirrorWarnings = new ArrayList<>();
        try (CaRecords records = services.records().open(appliance.recordsDirectory())) {
            report = new CaStatus(new AuditVerifier(services.verifier()), appliance.warnings())
                    .report(records, log, Instant.now());
            appliance.mirrorDirectory().ifPresent(directory -> mirrorWarnings.addAll(mirror(appliance, records)));
        }
        PreflightFinding airGap = new NetworkCheck(appliance.preflight().allowNetwork()).check(services.network().links());
        List<String> warnings = new ArrayList<>();
        exposure(appliance).ifPresent(warnings::add);
        warnings.addAll(incompleteFolders(appliance));
        print(out, appliance, report, services.media().find(appliance.media().directories()), mirrorWarnings, airGap,
                warnings);
        out.flush();
        return 0;
    }

    /** A warning when group or others can reach the records or the audit log; empty when only the owner can. */
    private static Optional<String> exposure(ApplianceConfig appliance) {
        Map<Path, String> open = new LinkedHashMap<>();
        try {
            open.putAll(OwnerOnly.openToOthers(appliance.recordsDirectory()));
            if (Files.exists(appliance.auditLog()) && !appliance.auditLog().startsWith(appliance.recordsDirectory())) {
                open.putAll(OwnerOnly.openToOthers(appliance.auditLog()));
            }
        } catch (IOException e) {
            return Optional.of("the permissions of the records cannot be read: " + e.getMessage());
        }
        if (open.isEmpty()) {
            return Optional.empty();
        }
        List<String> shown = open.entrySet().stream().limit(MAX_SHOWN)
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")").toList();
        return Optional.of("the records are readable by others: " + String.join(", ", shown)
                + (open.size() > MAX_SHOWN ? " and " + (open.size() - MAX_SHOWN) + " more" : "")
                + "; only the owner should reach them: chmod -R go-rwx " + appliance.recordsDirectory());
    }

    /**
     * The folders ceremonies started and never completed nor removed (a killed export or import), that
     * are still there or whose medium is not in sight to tell.
     */
    private static List<String> incompleteFolders(ApplianceConfig appliance) {
        if (!Files.exists(appliance.auditLog())) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        try {
            for (IncompleteFolders.Folder folder : IncompleteFolders.pending(LogFiles.open(appliance.auditLog()))) {
                boolean inSight = Files.isDirectory(folder.path().toAbsolutePath().getParent());
                if (inSight && !Files.exists(folder.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                warnings.add("the incomplete " + KebabCase.of(folder.kind()) + " folder " + folder.path()
                        + " of ceremony " + folder.ceremony() + (inSight ? "" : " (its medium is not in sight)")
                        + " is still there: running that ceremony again, or aborting it, removes it; once it has "
                        + "ended, remove it by hand");
            }
        } catch (IOException | UncheckedIOException e) {
            warnings.add("the audit log cannot be read for incomplete folders: " + e.getMessage());
        }
        return warnings;
    }

    /** Paths named in the permissions warning; the rest are counted. */
    private static final int MAX_SHOWN = 5;

    /** What differs between the records and log and their mirror copies; empty when they agree. */
    private List<String> mirror(ApplianceConfig appliance, CaRecords records) {
        List<String> problems = new ArrayList<>();
        Path copy = appliance.mirrorAuditLog().orElseThrow();
        try (InputStream ours = Files.exists(appliance.auditLog()) ? LogFiles.open(appliance.auditLog())
                : InputStream.nullInputStream();
                InputStream theirs = Files.exists(copy) ? LogFiles.open(copy) : InputStream.nullInputStream()) {
            LogComparison.of(ours, theirs).difference().ifPresent(difference -> problems.add("the audit log mirror "
                    + difference));
        } catch (IOException | UncheckedIOException e) {
            problems.add("the audit log mirror " + copy + " cannot be read: " + e.getMessage());
        }
        if (!Files.isDirectory(appliance.mirrorDirectory().orElseThrow())) {
            problems.add("the mirror directory does not exist");
            return problems;
        }
        try (CaRecords mirrored = services.records().open(appliance.mirrorDirectory().orElseThrow())) {
            problems.addAll(MirroredCaRecords.differences(records, mirrored).stream()
                    .map(difference -> "the mirrored records: " + difference).toList());
        }
        return problems;
    }

    private static void printAirGap(PrintWriter out, PreflightFinding airGap) {
        out.printf("Air gap            %s: %s%n", KebabCase.of(airGap.outcome()), airGap.detail());
    }

    private static void printMedia(PrintWriter out, List<Medium> media) {
        out.println("Media");
        if (media.isEmpty()) {
            out.println("  none found under /media or /run/media, and none configured");
        }
        for (Medium medium : media) {
            String volume = medium.device().equals("(directory)") ? "a configured directory"
                    : Printable.escape(medium.filesystem()) + " on "
                            + Printable.escape(medium.device());
            out.printf("  %s%n      label %s, UUID %s, %s%s, %s free of %s%n",
                    Printable.escape(medium.mountPoint().toString()),
                    medium.label().map(Printable::escape).orElse("(none)"),
                    medium.uuid().map(Printable::escape).orElse("(none)"),
                    volume, medium.readOnly() ? ", read-only" : "", size(medium.freeBytes()), size(medium.totalBytes()));
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.1f GiB", bytes / (double) (1L << 30))
                : String.format("%.1f MiB", bytes / (double) (1L << 20));
    }

    private static void print(PrintWriter out, ApplianceConfig appliance, StatusReport report,
            List<Medium> media, List<String> mirrorWarnings,
            PreflightFinding airGap, List<String> fileWarnings) {
        out.println("Certificate authorities");
        if (report.cas().isEmpty()) {
            out.println("  none yet");
        }
        for (StatusReport.Ca ca : report.cas()) {
            out.printf("  %-18s expires %s (%d days)%n      %s%n", ca.name(), ca.notAfter(), ca.daysLeft(), ca.subject());
        }
        out.println("CRLs");
        if (report.crls().isEmpty()) {
            out.println("  none");
        }
        for (StatusReport.Crl crl : report.crls()) {
            out.printf("  %-18s %s%n", crl.ca(), crl.number().map(n -> "number " + n + ", next update "
                    + crl.nextUpdate().orElseThrow() + " (" + crl.daysLeft() + " days)").orElse("none signed yet"));
        }
        out.printf("Certificates       %d issued, %d revoked%n", report.issued(), report.revoked());
        out.println("PIN quorums");
        if (report.quorums().isEmpty()) {
            out.println("  none: the PINs are typed (run quorum-setup to put them under M-of-N control)");
        }
        for (CustodianQuorum quorum : report.quorums()) {
            out.printf("  %-18s %s%n      custodians: %s%n", quorum.role().word() + " PIN", quorum.quorum(),
                    String.join(", ", quorum.custodians()));
        }
        out.println("Audit log          " + appliance.auditLog());
        report.log().ifPresentOrElse(log -> {
            out.printf("  last ceremony    %s at %s%n", log.lastCeremony(), log.lastTime());
            out.printf("  head             %s%n", log.head());
            out.printf("  unsealed         %d%n", log.unsealed());
            out.printf("  verifies         %s%n", log.valid() ? "yes" : "NO: " + log.problem());
        }, () -> out.println("  none yet"));
        appliance.mirrorDirectory().ifPresent(directory -> {
            out.println("Mirror             " + directory);
            out.println(mirrorWarnings.isEmpty() ? "  agrees with the log and the records"
                    : "  - " + String.join("\n  - ", mirrorWarnings));
        });
        printMedia(out, media);
        printAirGap(out, airGap);
        List<String> warnings = new ArrayList<>(report.warnings());
        if (airGap.refused()) {
            warnings.add("the network is up: a ceremony would be refused at its preflight");
        }
        warnings.addAll(fileWarnings);
        out.println("Warnings");
        if (warnings.isEmpty()) {
            out.println("  none");
        }
        for (String warning : warnings) {
            out.println("  - " + warning);
        }
    }
}
