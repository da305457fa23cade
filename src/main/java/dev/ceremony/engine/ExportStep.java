package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.media.ExportFile;
import dev.ceremony.media.ExportPlan;
import dev.ceremony.media.ExportReceipt;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.ExtendedKeyUsage;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.pki.Pem;
import dev.ceremony.records.CaRecords;
import dev.ceremony.text.KebabCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Writes what this ceremony made to a new folder on the export medium, in the layout of
 * DESIGN.md section 5. What to write comes from the audit log's records of this ceremony, so an
 * export after a resume holds everything, including what the interrupted run signed.
 */
final class ExportStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        Set<ExportItem> items = EnumSet.noneOf(ExportItem.class);
        for (String item : step.arguments().get("items").split(",", -1)) {
            items.add(KebabCase.parse(ExportItem.class, item.strip()));
        }
        List<ExportFile> files = files(run, items);
        Path medium = run.request.exportTo().orElseThrow();
        long bytes = files.stream().mapToLong(f -> f.size() + 4096L).sum();
        long free = run.setup.media().usableSpace(medium);
        if (free < bytes + PreflightStep.MIN_FREE_BYTES) {
            throw new StepRefused("the export medium " + medium + " has " + free + " bytes free; this export needs about "
                    + (bytes + PreflightStep.MIN_FREE_BYTES) + ". Use a larger medium (--export) and run again");
        }
        ExportReceipt receipt = run.setup.media().export(medium, folderName(run, medium), files, run.sealer(), run);
        run.operator.say("Exported " + receipt.files() + " file(s) to " + receipt.folder() + "; SHA256SUMS SHA-256 "
                + receipt.sumsSha256());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("folder", receipt.folder().toString());
        details.put("files", (long) receipt.files());
        details.put("sha256sums-sha256", receipt.sumsSha256());
        return details;
    }

    /**
     * Every file of the export. What it is built from (the log's records, the parsed
     * certificates) stays in here, so that only the files are held while they are written.
     */
    private static List<ExportFile> files(Run run, Set<ExportItem> items) {
        CaRecords records = run.records();
        X509CertificateHolder root = records.caCertificate(CaNames.ROOT_RECORD).orElseThrow(() ->
                new StepRefused("the records hold no root certificate to export"));
        X509CertificateHolder audit = records.caCertificate(CaNames.AUDIT_RECORD).orElseThrow(() ->
                new StepRefused("the records hold no audit-signer certificate to export"));
        List<AuditEntry> ceremony = run.now(Set.of(AuditTypes.SERIAL_RESERVED, AuditTypes.CERTIFICATES_STORED,
                AuditTypes.CA_CERTIFICATE_STORED, AuditTypes.CRL_STORED)).of(run.ceremony);
        List<ExportPlan.Leaf> leaves = items.contains(ExportItem.ISSUED_CERTIFICATES) ? leaves(run, ceremony)
                : List.of();
        List<ExportFile> extras = new ArrayList<>();
        if (items.contains(ExportItem.CA_CHAIN)) {
            caChains(ceremony, root, extras);
        }
        if (items.contains(ExportItem.CRLS)) {
            crls(run, ceremony, extras);
        }
        List<ExportFile> files = new ArrayList<>(ExportPlan.files(root, audit, leaves, uriDomain(run),
                ExportPlan.FILES_PER_FOLDER));
        files.addAll(files.size() - 1, extras);
        return files;
    }

    /** The ceremony's id, or with -2, -3 when an earlier attempt left a folder of that name. */
    private static String folderName(Run run, Path medium) {
        String name = run.ceremony;
        for (int attempt = 2; Files.exists(medium.resolve(name)); attempt++) {
            name = run.ceremony + "-" + attempt;
        }
        return name;
    }

    private static String uriDomain(Run run) {
        return run.setup.config().policy().deviceUriDomain().orElse(
                run.setup.config().policy().permittedDomains().stream().findFirst().orElse("localhost"));
    }

    /**
     * The end-entity certificates this ceremony issued, each with its issuer as chain: the signed
     * certificates come from the log's own records of this ceremony, not from the records files.
     */
    private static List<ExportPlan.Leaf> leaves(Run run, List<AuditEntry> ceremony) {
        CaRecords records = run.records();
        Map<String, X509CertificateHolder> issuers = new HashMap<>();
        for (String name : records.caCertificateNames()) {
            records.caCertificate(name).ifPresent(c -> issuers.put(KeyIds.subjectKeyId(c), c));
        }
        Map<String, String> profiles = new HashMap<>();
        for (AuditEntry entry : ceremony) {
            if (entry.type().equals(AuditTypes.SERIAL_RESERVED)) {
                profiles.put(entry.dataText("issuer") + "/" + entry.dataText("serial"), entry.dataText("profile"));
            }
        }
        List<ExportPlan.Leaf> leaves = new ArrayList<>();
        for (AuditEntry entry : ceremony) {
            if (!entry.type().equals(AuditTypes.CERTIFICATES_STORED)
                    || !issuers.containsKey(entry.dataText("issuer"))) {
                continue;
            }
            for (Object encoded : (List<?>) entry.data().get("certificates")) {
                X509CertificateHolder certificate = certificate((String) encoded);
                CertificateProfile profile = run.setup.profiles().get(profiles.get(entry.dataText("issuer") + "/"
                        + certificate.getSerialNumber().toString(16)));
                if (profile == null || profile.kind().isCa()) {
                    continue;
                }
                leaves.add(new ExportPlan.Leaf(certificate, List.of(issuers.get(entry.dataText("issuer"))),
                        profile.extendedKeyUsage().contains(ExtendedKeyUsage.SERVER_AUTH) ? ExportPlan.Kind.SERVER
                                : ExportPlan.Kind.DEVICE));
            }
        }
        return leaves;
    }

    /** Each intermediate stored in this ceremony: its certificate, and with the root after it. */
    private static void caChains(List<AuditEntry> ceremony, X509CertificateHolder root, List<ExportFile> out) {
        for (AuditEntry entry : ceremony) {
            String name = String.valueOf(entry.data().get("name"));
            if (!entry.type().equals(AuditTypes.CA_CERTIFICATE_STORED) || name.equals(CaNames.ROOT_RECORD)
                    || name.equals(CaNames.AUDIT_RECORD)) {
                continue;
            }
            X509CertificateHolder certificate = certificate(entry.dataText("certificate"));
            out.add(text(name + ".cert.pem", Pem.certificate(certificate)));
            out.add(text(name + ".fullchain.pem", Pem.certificates(List.of(certificate, root))));
        }
    }

    /** Each CRL signed in this ceremony, as PEM and DER, named after its CA. */
    private static void crls(Run run, List<AuditEntry> ceremony, List<ExportFile> out) {
        for (AuditEntry entry : ceremony) {
            if (!entry.type().equals(AuditTypes.CRL_STORED)) {
                continue;
            }
            byte[] der = Base64.getDecoder().decode(entry.dataText("crl"));
            X509CRLHolder crl;
            try {
                crl = new X509CRLHolder(der);
            } catch (IOException e) {
                throw new StepRefused("a CRL this ceremony stored cannot be read: " + e.getMessage(), e);
            }
            Optional<String> ca = run.caNameOf(entry.dataText("issuer"));
            String stem = ca.orElse("ca") + "-crl-" + entry.dataText("number");
            out.add(text(stem + ".crl.pem", Pem.crl(crl)));
            out.add(new ExportFile(stem + ".crl", der));
        }
    }

    private static X509CertificateHolder certificate(String base64) {
        try {
            return new X509CertificateHolder(Base64.getDecoder().decode(base64));
        } catch (IOException e) {
            throw new StepRefused("a CA certificate this ceremony stored cannot be read: " + e.getMessage(), e);
        }
    }

    private static ExportFile text(String path, String content) {
        return new ExportFile(path, content.getBytes(StandardCharsets.US_ASCII));
    }
}
