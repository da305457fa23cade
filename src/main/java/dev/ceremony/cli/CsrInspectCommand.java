package dev.ceremony.cli;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CaNames;
import dev.ceremony.files.FileKinds;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateDrafter;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.SerialText;
import dev.ceremony.pki.SubjectSource;
import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.IssuanceHistory;
import dev.ceremony.pki.csr.PolicySettings;
import dev.ceremony.pki.csr.RequestJudge;
import dev.ceremony.pki.csr.RequestPolicy;
import dev.ceremony.pki.csr.RequestSummaries;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.RecordsHistory;
import dev.ceremony.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ceremony csr inspect FILE...}: what each request asks for, what would be issued, and the verdict. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what each certificate request asks for, what each leaf profile would issue, and the "
            + "verdict with the rule of every refusal. Signs nothing and needs no token.",
            "With --issuer CA (as a sign-csrs ceremony names it: server-ca, device-ca; its newest generation in the "
                + "records) the verdict is the one the ceremony's review and sign step reach: profile, policy, the "
                + "issuer's name constraints and validity, and every lint rule on the drafted certificate. Without "
                + "--issuer only the profile and the policy are judged, and it says so.",
            "Exit 0 when every request is accepted by some profile, else 1."})
final class CsrInspectCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--profile", paramLabel = "NAME", description = "Judge under this profile only (e.g. mqtt-server).")
    private String profileName;

    @Option(names = "--issuer", paramLabel = "CA", description = "Judge as a ceremony signing with this CA would "
            + "(e.g. server-ca): its name constraints, its validity and the lint of the drafted certificate.")
    private String issuerName;

    @Option(names = "--validity-days", paramLabel = "DAYS", description = "With --issuer: the days the sign step "
            + "asks for (its validity-days argument); else the profile's default, cut to end with the issuer.")
    private Integer validityDays;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSR files, PEM or DER.")
    private List<Path> files;

    CsrInspectCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        ApplianceConfig appliance = services.configs().read(config.resolve(services.environment()));
        List<CertificateProfile> profiles = profiles(appliance);
        RequestPolicy policy = new RequestPolicy(new CsrReader(services.verifier()), new PolicySettings(
                appliance.dnDefaults(), appliance.policy().permittedDomains(), appliance.policy().deviceUriDomain(),
                appliance.policy().maxAlternativeNames()));
        PrintWriter out = spec.commandLine().getOut();
        boolean allAccepted = true;
        CaRecords records = Files.isDirectory(appliance.recordsDirectory())
                ? services.records().open(appliance.recordsDirectory()) : null;
        try {
            IssuanceHistory history = records == null ? NO_HISTORY
                    : new RecordsHistory(records, RecordsHistory.caKeys(records), Clock.systemUTC());
            if (records == null) {
                out.println("(no records yet: reuse of keys and names is not checked)");
            }
            Optional<CaSigner> issuer = issuer(records);
            if (issuer.isEmpty()) {
                out.println("(no --issuer: the issuer's name constraints, its validity and the lint of the drafted "
                        + "certificate are not judged; give --issuer CA for the verdict a signing ceremony reaches)");
            } else {
                out.println("(judged as " + Printable.escape(issuer.get().name().toString()) + " would sign)");
            }
            RequestJudge judge = new RequestJudge(policy, new CertificateDrafter(Linter.standard(), Clock.systemUTC(),
                    DRAFT_SKEW));
            for (Path file : files) {
                allAccepted &= inspect(out, profile -> issuer.map(ca -> new RequestJudge.Terms(profile, ca,
                        Optional.ofNullable(validityDays))), policy, judge, profiles, history, file);
            }
        } finally {
            if (records != null) {
                records.close();
            }
        }
        out.flush();
        return allAccepted ? 0 : 1;
    }

    /** Any skew will do: the draft's notBefore is the clock's own now, as in a ceremony. */
    private static final Duration DRAFT_SKEW = Duration.ofMinutes(5);

    /** The CA named by --issuer, as its newest certificate in the records shows it; empty without --issuer. */
    private Optional<CaSigner> issuer(CaRecords records) {
        if (validityDays != null && (issuerName == null || validityDays < 1)) {
            throw new ParameterException(spec.commandLine(), issuerName == null ? "--validity-days is judged only "
                    + "with --issuer" : "--validity-days takes a whole number of days, at least 1");
        }
        if (issuerName == null) {
            return Optional.empty();
        }
        if (records == null) {
            throw new CommandFailure("--issuer " + Printable.escape(issuerName) + ": there are no records yet, so "
                    + "there is no CA to judge against; run the root-ca and intermediate-ca ceremonies first");
        }
        List<String> names = records.caCertificateNames();
        String name = CaNames.current(names, issuerName)
                .orElseThrow(() -> new CommandFailure("--issuer " + Printable.escape(issuerName) + ": the records "
                        + "hold no such CA; they hold " + String.join(", ", names)));
        return Optional.of(CaSigner.ofCertificateOnly(records.caCertificate(name).orElseThrow()));
    }

    /** History for an appliance without records: nothing issued, no CA keys known. */
    private static final IssuanceHistory NO_HISTORY = new IssuanceHistory() {
        @Override
        public boolean isCaKey(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key) {
            return false;
        }

        @Override
        public boolean isCertified(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key) {
            return false;
        }

        @Override
        public boolean isCertifiedOnlyAs(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key, String profile,
                String subjectName) {
            return false;
        }

        @Override
        public Optional<java.math.BigInteger> validSerial(String profile, String subjectName) {
            return Optional.empty();
        }
    };

    private boolean inspect(PrintWriter out, Function<CertificateProfile, Optional<RequestJudge.Terms>> terms,
            RequestPolicy policy, RequestJudge judge, List<CertificateProfile> profiles, IssuanceHistory history,
            Path file) {
        out.println(Printable.escape(file.toString()));
        byte[] bytes;
        try {
            Optional<String> notRegular = FileKinds.notRegular(file);
            if (notRegular.isPresent()) {
                out.println("  not read: " + Printable.escape(file.toString()) + ": " + notRegular.get()
                        + "; a request is read only from a regular file");
                return false;
            }
        } catch (IOException e) {
            out.println("  cannot be read: " + Printable.escape(String.valueOf(e.getMessage())));
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(CsrReader.MAX_BYTES + 1);
        } catch (IOException e) {
            out.println("  cannot be read: " + Printable.escape(String.valueOf(e.getMessage())));
            return false;
        }
        boolean accepted = false;
        boolean shown = false;
        for (CertificateProfile profile : profiles) {
            RequestPolicy.Input input = new RequestPolicy.Input(file.toString(), bytes);
            Verdict verdict = terms.apply(profile).map(t -> judge.judge(t, input, history))
                    .orElseGet(() -> policy.judge(profile, input, history));
            if (!shown && verdict.requested().isPresent()) {
                var requested = verdict.requested().get();
                out.printf("  requested    subject %s%n", requested.subject());
                out.printf("               key %s%n", requested.key());
                out.printf("               names %s%n", requested.alternativeNames().isEmpty() ? "(none)"
                        : String.join(", ", requested.alternativeNames()));
                out.printf("               extensions %s%n", requested.extensions().isEmpty() ? "(none)"
                        : String.join(", ", requested.extensions()));
                shown = true;
            }
            if (verdict.accepted()) {
                accepted = true;
                var issued = verdict.issued().orElseThrow();
                out.printf("  %-12s ACCEPTED%s%n", profile.name(), verdict.renewalOf()
                        .map(serial -> " (renewal of serial " + SerialText.of(serial) + ")").orElse(""));
                out.printf("               would issue %s%n", Printable.escape(issued.subject().toString()));
                out.printf("               names %s%n", issued.alternativeNames().stream()
                        .map(RequestSummaries::display).collect(Collectors.joining(", ")));
            } else {
                out.printf("  %-12s REFUSED%n", profile.name());
                verdict.refusals().forEach(refusal -> out.printf("               [%s] %s%n", refusal.rule(),
                        refusal.reason()));
            }
        }
        return accepted;
    }

    private List<CertificateProfile> profiles(ApplianceConfig appliance) {
        List<CertificateProfile> profiles = ProfileFiles.read(appliance.profilesDirectory()).profiles().values().stream()
                .filter(profile -> !profile.kind().isCa() && profile.subject() != SubjectSource.CEREMONY_PARAMETER
                        && (profileName == null || profile.name().equals(profileName)))
                .toList();
        if (profiles.isEmpty()) {
            throw new CommandFailure(profileName == null ? "no leaf profile in " + appliance.profilesDirectory()
                    : "no leaf profile named '" + profileName + "' in " + appliance.profilesDirectory());
        }
        return profiles;
    }
}
