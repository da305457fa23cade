package dev.ceremony.media;

import dev.ceremony.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What an export folder holds (DESIGN.md section 5, and the seed's "what goes where"): each leaf's
 * certificate and chain, the root, the audit signer, the root-only {@code ca-bundle.pem}, config
 * snippets for Mosquitto, ThingsBoard and amqtt, and a README. Large batches are split into
 * subfolders of at most {@value #FILES_PER_FOLDER} files, since FAT32 directories fill up.
 */
public final class ExportPlan {

    /** Most files in one folder. */
    public static final int FILES_PER_FOLDER = 5_000;

    private ExportPlan() {
    }

    /** What a leaf is for: decides its snippets. */
    public enum Kind {
        SERVER, DEVICE
    }

    /** One issued leaf with the intermediates of its chain (leaf first, never the root). */
    public record Leaf(X509CertificateHolder certificate, List<X509CertificateHolder> intermediates, Kind kind) {
        public Leaf {
            Objects.requireNonNull(certificate, "certificate");
            intermediates = List.copyOf(intermediates);
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * @param deviceUriDomain names the broker host in the amqtt snippet ({@code mqtts://<domain>:8883})
     */
    public static List<ExportFile> files(X509CertificateHolder root, X509CertificateHolder auditSigner,
            List<Leaf> leaves, String deviceUriDomain, int filesPerFolder) {
        List<ExportFile> files = new ArrayList<>();
        files.add(text("root-ca.cert.pem", Pem.certificate(root)));
        files.add(text("audit-signer.cert.pem", Pem.certificate(auditSigner)));
        files.add(text("ca-bundle.pem", Pem.caBundle(root, java.util.Optional.empty())));
        FileNames names = new FileNames();
        names.unique("root-ca");
        names.unique("audit-signer");
        names.unique("ca-bundle");
        names.unique("README");
        names.unique("SHA256SUMS");
        int folder = 0;
        int inFolder = filesPerFolder;
        String prefix = "";
        for (Leaf leaf : leaves) {
            List<ExportFile> group = new ArrayList<>();
            String stem = names.unique(commonName(leaf.certificate()));
            group.add(text(stem + ".cert.pem", Pem.certificate(leaf.certificate())));
            group.add(text(stem + ".chain.pem", Pem.chain(leaf.certificate(), leaf.intermediates())));
            if (leaf.kind() == Kind.SERVER) {
                group.add(text(stem + ".mosquitto.conf", Snippets.mosquitto(stem)));
                group.add(text(stem + ".thingsboard.conf", Snippets.thingsboard(stem)));
            } else {
                group.add(text(stem + ".amqtt-client.yaml", Snippets.amqtt(stem, commonName(leaf.certificate()),
                        deviceUriDomain)));
            }
            if (leaves.size() * 4 + 6 > filesPerFolder && inFolder + group.size() > filesPerFolder) {
                folder++;
                inFolder = 0;
                prefix = String.format("part-%04d/", folder);
            }
            for (ExportFile file : group) {
                files.add(new ExportFile(prefix + file.path(), file.content()));
            }
            inFolder += group.size();
        }
        files.add(text("README.txt", Snippets.readme(folder)));
        return files;
    }

    private static String commonName(X509CertificateHolder certificate) {
        var rdns = certificate.getSubject().getRDNs(BCStyle.CN);
        return rdns.length == 0 ? certificate.getSerialNumber().toString(16) : rdns[0].getFirst().getValue().toString();
    }

    private static ExportFile text(String path, String content) {
        return new ExportFile(path, content.getBytes(StandardCharsets.UTF_8));
    }
}
