package dev.ceremony.engine;

import dev.ceremony.audit.AuditTypes;
import dev.ceremony.media.ExportFile;
import dev.ceremony.media.ExportPlan;
import dev.ceremony.media.ExportLayout;
import dev.ceremony.media.ExportReceipt;
import dev.ceremony.media.ExportSession;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.ExtendedKeyUsage;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.pki.Pem;
import dev.ceremony.records.BatchIssuer;
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
import java.util.function.Consumer;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Writes what this ceremony made to a new folder on the export medium, in the layout of
 * DESIGN.md section 5. What to write comes from the audit log's records of this ceremony, so an
 * export after a resume holds everything, including what the interrupted run signed. The log is
 * read twice as a stream (to measure, then to write a chunk of leaves at a time), so an export of
 * 100,000 certificates holds one chunk of them.
 */
final class ExportStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        Set<ExportItem> items = EnumSet.noneOf(ExportItem.class);
        for (String item : step.arguments().get("items").split(",", -1)) {
            items.add(KebabCase.parse(ExportItem.class, item.strip()));
        }
        CaRecords records = run.records();
        X509CertificateHolder root = records.caCertificate(CaNames.ROOT_RECORD).orElseThrow(() ->
                new StepRefused("the records hold no root certificate to export"));
        X509CertificateHolder audit = records.caCertificate(CaNames.AUDIT_RECORD).orElseThrow(() ->
                new StepRefused("the records hold no audit-signer certificate to export"));
        List<ExportFile> extras = new ArrayList<>();
        if (items.contains(ExportItem.CA_CHAIN)) {
            caChains(run, root, extras);
        }
        if (items.contains(ExportItem.CRLS)) {
            crls(run, extras);
        }
        boolean leaves = items.contains(ExportItem.ISSUED_CERTIFICATES);
        // First pass: how many leaves and how many bytes, without keeping any of them.
        long[] measured = {0, 0};
        ExportLayout sizing = new ExportLayout(0, uriDomain(run), ExportPlan.FILES_PER_FOLDER);
        if (leaves) {
            eachLeaf(run, leaf -> {
                measured[0]++;
                sizing.leaf(leaf).forEach(file -> measured[1] += file.size() + 4096L);
            });
        }
        Path medium = run.request.exportTo().orElseThrow();
        long bytes = measured[1] + extras.stream().mapToLong(f -> f.size() + 4096L).sum() + 64L * 1024;
        long free = run.setup.media().usableSpace(medium);
        if (free < bytes + PreflightStep.MIN_FREE_BYTES) {
            throw new StepRefused("the export medium " + medium + " has " + free + " bytes free; this export needs about "
                    + (bytes + PreflightStep.MIN_FREE_BYTES) + ". Use a larger medium (--export) and run again");
        }
        // Second pass: the files, a chunk of leaves at a time.
        ExportLayout layout = new ExportLayout(measured[0], uriDomain(run), ExportPlan.FILES_PER_FOLDER);
        ExportReceipt receipt;
        String folder = folderName(run, medium);
        IncompleteFolders.starting(run, IncompleteFolders.Kind.EXPORT, medium.resolve(folder));
        try (ExportSession session = run.setup.media().beginExport(medium, folder, run)) {
            session.write(layout.head(root, audit));
            session.write(extras);
            List<ExportFile> chunk = new ArrayList<>();
            long[] written = {0};
            if (leaves) {
                eachLeaf(run, leaf -> {
                    chunk.addAll(layout.leaf(leaf));
                    if (++written[0] % BatchIssuer.DEFAULT_CHUNK == 0) {
                        session.write(chunk);
                        chunk.clear();
                        run.operator.progress("exporting", written[0], measured[0]);
                    }
                });
            }
            chunk.add(layout.tail());
            session.write(chunk);
            receipt = session.commit(run.sealer());
        }
        run.operator.say("Exported " + receipt.files() + " file(s) to " + receipt.folder() + "; SHA256SUMS SHA-256 "
                + receipt.sumsSha256());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("folder", receipt.folder().toString());
        details.put("files", (long) receipt.files());
        details.put("sha256sums-sha256", receipt.sumsSha256());
        return details;
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
     * Each end-entity certificate this ceremony issued, with its issuer as chain, in the order of
     * issuance: read from the log's own records of this ceremony (not from the records files), one
     * kept chunk at a time. A reservation is held until its certificate is seen, so only the
     * reservations of one chunk are ever held.
     */
    private static void eachLeaf(Run run, Consumer<ExportPlan.Leaf> leaves) {
        CaRecords records = run.records();
        Map<String, X509CertificateHolder> issuers = new HashMap<>();
        for (String name : records.caCertificateNames()) {
            records.caCertificate(name).ifPresent(c -> issuers.put(KeyIds.subjectKeyId(c), c));
        }
        Map<String, String> profiles = new HashMap<>();
        run.eachRecord(Set.of(AuditTypes.SERIAL_RESERVED, AuditTypes.CERTIFICATES_STORED), entry -> {
            if (entry.type().equals(AuditTypes.SERIAL_RESERVED)) {
                profiles.put(entry.dataText("issuer") + "/" + entry.dataText("serial"), entry.dataText("profile"));
                return;
            }
            X509CertificateHolder issuer = issuers.get(entry.dataText("issuer"));
            for (Object encoded : (List<?>) entry.data().get("certificates")) {
                X509CertificateHolder certificate = certificate((String) encoded);
                CertificateProfile profile = run.setup.profiles().get(profiles.remove(entry.dataText("issuer") + "/"
                        + certificate.getSerialNumber().toString(16)));
                if (issuer == null || profile == null || profile.kind().isCa()) {
                    continue;
                }
                leaves.accept(new ExportPlan.Leaf(certificate, List.of(issuer),
                        profile.extendedKeyUsage().contains(ExtendedKeyUsage.SERVER_AUTH) ? ExportPlan.Kind.SERVER
                                : ExportPlan.Kind.DEVICE));
            }
        });
    }

    /** Each intermediate stored in this ceremony: its certificate, and with the root after it. */
    private static void caChains(Run run, X509CertificateHolder root, List<ExportFile> out) {
        run.eachRecord(Set.of(AuditTypes.CA_CERTIFICATE_STORED), entry -> {
            String name = String.valueOf(entry.data().get("name"));
            if (name.equals(CaNames.ROOT_RECORD) || name.equals(CaNames.AUDIT_RECORD)) {
                return;
            }
            X509CertificateHolder certificate = certificate(entry.dataText("certificate"));
            out.add(text(name + ".cert.pem", Pem.certificate(certificate)));
            out.add(text(name + ".fullchain.pem", Pem.certificates(List.of(certificate, root))));
        });
    }

    /** Each CRL signed in this ceremony, as PEM and DER, named after its CA. */
    private static void crls(Run run, List<ExportFile> out) {
        run.eachRecord(Set.of(AuditTypes.CRL_STORED), entry -> {
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
        });
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
