package dev.ceremony.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What an export folder holds (DESIGN.md section 5, and the seed's "what goes where"): each leaf's
 * certificate and chain, the root, the audit signer, the root-only {@code ca-bundle.pem}, config
 * snippets for Mosquitto, ThingsBoard and amqtt, and a README, as {@link ExportLayout} names them.
 * Large batches are split into subfolders of at most {@value #FILES_PER_FOLDER} files.
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

    /** Every file of an export of {@code leaves}, in the order {@link ExportLayout} makes them. */
    public static List<ExportFile> files(X509CertificateHolder root, X509CertificateHolder auditSigner,
            List<Leaf> leaves, String deviceUriDomain, int filesPerFolder) {
        ExportLayout layout = new ExportLayout(leaves.size(), deviceUriDomain, filesPerFolder);
        List<ExportFile> files = new ArrayList<>(layout.head(root, auditSigner));
        for (Leaf leaf : leaves) {
            files.addAll(layout.leaf(leaf));
        }
        files.add(layout.tail());
        return files;
    }
}
