package dev.ceremony.cli;

import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.audit.VerificationReport;
import dev.ceremony.audit.LogComparison;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ceremony audit verify LOG [--root CERT] [--head HASH]}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify an audit log: the hash chain, every seal's signature, and the audit certificate's "
            + "tie to the root. Exit 0 when valid; 3 when valid up to the last seal but records after it are not "
            + "authenticated (without --head); otherwise 1, naming the first bad record.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:valid: every record is sealed, or covered by the witnessed head",
            "1:invalid, naming the first bad record (with --head: also the first record after it that no seal "
                + "covers)",
            "2:usage error",
            "3:valid up to the last seal, but records after it are not authenticated (no --head given)"})
final class AuditVerifyCommand implements Callable<Integer> {

    /** The exit status of a log valid up to its last seal, with records after it that nothing authenticates. */
    static final int UNAUTHENTICATED_TAIL = 3;

    private final Services services;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "The audit log (JSON Lines).")
    private Path log;

    @Option(names = "--root", paramLabel = "CERT", description = "The root certificate (PEM) that certifies the audit key.")
    private Path root;

    @Option(names = "--head", paramLabel = "HASH",
            description = "The head hash written down at a seal: proves no records at its end are missing.")
    private String head;

    @Option(names = "--mirror", paramLabel = "COPY", description = "The mirror copy of the log: it must be identical.")
    private Path mirror;

    AuditVerifyCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Optional<X509CertificateHolder> rootCertificate = Optional.ofNullable(root).map(this::certificate);
        Optional<String> witnessed = Optional.ofNullable(head).map(h -> h.strip().toLowerCase(java.util.Locale.ROOT));
        if (witnessed.isPresent() && !witnessed.get().matches("[0-9a-f]{64}")) {
            throw new CommandFailure("--head must be a SHA-256 in hex (64 characters), as printed at a seal");
        }
        VerificationReport report;
        try (InputStream in = open(log, "audit log")) {
            report = new AuditVerifier(services.verifier()).verify(in, rootCertificate, witnessed);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandFailure("cannot read the audit log " + log + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Audit log " + log);
        row(out, "records", report.valid() ? String.valueOf(report.records())
                : report.records() + " verified before the first bad record");
        row(out, "ceremonies", String.valueOf(report.ceremonies()));
        row(out, "seals", String.valueOf(report.seals()));
        if (report.valid()) {
            row(out, "unsealed", report.unsealed() + (report.unsealed() == 0 ? " (every record is sealed)"
                    : " record(s) after the last seal: they chain, but no seal vouches for them"
                            + (witnessed.isEmpty() ? ", and without --head records after it could be missing unseen" : "")));
            row(out, "head", report.head());
        }
        row(out, "audit key", report.certificate());
        for (int i = 0; i < report.acknowledged().size(); i++) {
            VerificationReport.Acknowledgement ack = report.acknowledged().get(i);
            row(out, i == 0 ? "acknowledged" : "", "line " + ack.line() + ": ceremony "
                    + dev.ceremony.text.Printable.escape(ack.ceremony()) + " sealed " + ack.records()
                    + " record(s) it found after the seal on line " + ack.lastSealedLine());
        }
        row(out, "torn tail", report.tornTailBytes().map(n -> n + " bytes of a line cut short by a crash (not "
                + "tampering); everything before it was checked").orElse("none"));
        row(out, "head check", witnessed.map(h -> report.witnessedHead().map(at -> headCheck(h, at))
                .orElse("see below")).orElse("not asked (no --head given)"));
        Optional<String> mirrorProblem = Optional.ofNullable(mirror).flatMap(this::mirrorProblem);
        if (mirror != null) {
            row(out, "mirror", mirrorProblem.map(p -> "DIFFERS: " + p).orElse("identical copy at " + mirror));
        }
        if (report.verdict() == VerificationReport.Verdict.VALID && mirrorProblem.isEmpty()) {
            out.println("Result: VALID");
            out.flush();
            return 0;
        }
        if (report.verdict() == VerificationReport.Verdict.VALID_UP_TO_LAST_SEAL && mirrorProblem.isEmpty()) {
            out.println("Result: VALID up to record " + report.authenticated() + "; " + report.unauthenticated()
                    + " record(s) after the last seal are not authenticated"
                    + (report.authenticated() == 0 ? " (the log holds no seal)" : ""));
            out.flush();
            return UNAUTHENTICATED_TAIL;
        }
        if (report.valid()) {
            out.println("Result: INVALID: the mirror " + mirror + " " + mirrorProblem.get());
            out.flush();
            return 1;
        }
        VerificationReport.Problem problem = report.problem().orElseThrow();
        out.println("Result: INVALID at line " + problem.line() + ": " + problem.reason());
        out.flush();
        return 1;
    }

    private static String headCheck(String head, VerificationReport.WitnessedHead at) {
        int following = at.sealedAfter() + at.unsealedAfter();
        return "the witnessed head " + head + " is in the log: record " + at.record() + " of " + (at.record()
                + following) + "; " + following + " record(s) follow it: " + at.sealedAfter() + " sealed, "
                + at.unsealedAfter() + " unsealed";
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf("  %-12s %s%n", name, value);
    }

    private X509CertificateHolder certificate(Path file) {
        String text = new String(read(file, "root certificate"), StandardCharsets.US_ASCII);
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !pem.getType().equals("CERTIFICATE")) {
                throw new CommandFailure(file + " holds no PEM CERTIFICATE");
            }
            return new X509CertificateHolder(pem.getContent());
        } catch (IOException | RuntimeException e) {
            if (e instanceof CommandFailure failure) {
                throw failure;
            }
            throw new CommandFailure(file + " is not a readable certificate: " + e.getMessage());
        }
    }

    private Optional<String> mirrorProblem(Path copy) {
        try (InputStream ours = open(log, "audit log"); InputStream theirs = open(copy, "mirror")) {
            return LogComparison.of(ours, theirs).difference();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandFailure("cannot compare the audit log with its mirror " + copy + ": " + e.getMessage());
        }
    }

    private static InputStream open(Path file, String what) {
        try {
            return LogFiles.open(file);
        } catch (java.io.UncheckedIOException e) {
            throw new CommandFailure("cannot read the " + what + " " + file + ": " + e.getCause().getMessage());
        }
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandFailure("cannot read the " + what + " " + file + ": " + e.getMessage());
        }
    }
}
