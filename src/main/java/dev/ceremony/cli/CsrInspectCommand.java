package dev.ceremony.cli;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.SubjectSource;
import dev.ceremony.pki.csr.CsrReader;
import dev.ceremony.pki.csr.IssuanceHistory;
import dev.ceremony.pki.csr.PolicySettings;
import dev.ceremony.pki.csr.RequestPolicy;
import dev.ceremony.pki.csr.RequestSummaries;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.RecordsHistory;
import dev.ceremony.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ceremony csr inspect FILE...}: what each request asks for, what would be issued, and the verdict. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show what each certificate request asks for, what each leaf profile would issue, and the "
            + "policy's verdict with the rule of every refusal. Signs nothing. Exit 0 when every request is "
            + "accepted by some profile, else 1.")
final class CsrInspectCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--profile", paramLabel = "NAME", description = "Judge under this profile only (e.g. mqtt-server).")
    private String profileName;

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
            for (Path file : files) {
                allAccepted &= inspect(out, policy, profiles, history, file);
            }
        } finally {
            if (records != null) {
                records.close();
            }
        }
        out.flush();
        return allAccepted ? 0 : 1;
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
        public boolean hasValidCertificate(String profile, String subjectName) {
            return false;
        }
    };

    private boolean inspect(PrintWriter out, RequestPolicy policy, List<CertificateProfile> profiles,
            IssuanceHistory history, Path file) {
        out.println(Printable.escape(file.toString()));
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes(CsrReader.MAX_BYTES + 1);
        } catch (IOException e) {
            out.println("  cannot be read: " + Printable.escape(String.valueOf(e.getMessage())));
            return false;
        }
        boolean accepted = false;
        boolean shown = false;
        for (CertificateProfile profile : profiles) {
            Verdict verdict = policy.evaluate(profile, file.toString(), bytes, history);
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
                out.printf("  %-12s ACCEPTED%s%n", profile.name(), verdict.renewal() ? " (a renewal)" : "");
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
