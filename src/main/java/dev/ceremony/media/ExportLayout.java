package dev.ceremony.media;

import dev.ceremony.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Names and makes the files of one export folder, leaf after leaf, so that an export of any size
 * is written as a stream (DESIGN.md section 5, and the seed's "what goes where"): first the root,
 * the audit signer and the root-only {@code ca-bundle.pem}; then each leaf's certificate, chain and
 * config snippets; last a README. When the export holds more than one folder's worth of files,
 * leaves go into subfolders {@code part-0001/}... of at most {@code filesPerFolder} files, since
 * FAT32 directories fill up. Not thread-safe: one layout per export.
 */
public final class ExportLayout {

    private final String deviceUriDomain;
    private final boolean split;
    private final int filesPerFolder;
    private final FileNames names = new FileNames();
    private int folder;
    private int inFolder;
    private String prefix = "";

    /**
     * @param leaves how many leaves the export will hold (decides whether it is split into parts)
     * @param deviceUriDomain names the broker host in the amqtt snippet ({@code mqtts://<domain>:8883})
     */
    public ExportLayout(long leaves, String deviceUriDomain, int filesPerFolder) {
        this.deviceUriDomain = Objects.requireNonNull(deviceUriDomain, "deviceUriDomain");
        if (filesPerFolder < 4) {
            throw new IllegalArgumentException("a folder holds at least one leaf's 4 files");
        }
        this.filesPerFolder = filesPerFolder;
        this.split = leaves * 4 + 6 > filesPerFolder;
        this.inFolder = filesPerFolder;
        for (String taken : List.of("root-ca", "audit-signer", "ca-bundle", "README", "SHA256SUMS")) {
            names.unique(taken);
        }
    }

    /** The files that open every export. */
    public List<ExportFile> head(X509CertificateHolder root, X509CertificateHolder auditSigner) {
        return List.of(text("root-ca.cert.pem", Pem.certificate(root)),
                text("audit-signer.cert.pem", Pem.certificate(auditSigner)),
                text("ca-bundle.pem", Pem.caBundle(root, Optional.empty())));
    }

    /** The files of the next leaf, named after its CN (made unique), in the current part folder. */
    public List<ExportFile> leaf(ExportPlan.Leaf leaf) {
        List<ExportFile> group = new ArrayList<>();
        String stem = names.unique(commonName(leaf.certificate()));
        group.add(text(stem + ".cert.pem", Pem.certificate(leaf.certificate())));
        group.add(text(stem + ".chain.pem", Pem.chain(leaf.certificate(), leaf.intermediates())));
        if (leaf.kind() == ExportPlan.Kind.SERVER) {
            group.add(text(stem + ".mosquitto.conf", Snippets.mosquitto(stem)));
            group.add(text(stem + ".thingsboard.conf", Snippets.thingsboard(stem)));
        } else {
            group.add(text(stem + ".amqtt-client.yaml", Snippets.amqtt(stem, commonName(leaf.certificate()),
                    deviceUriDomain)));
        }
        if (split && inFolder + group.size() > filesPerFolder) {
            folder++;
            inFolder = 0;
            prefix = String.format("part-%04d/", folder);
        }
        inFolder += group.size();
        return group.stream().map(file -> new ExportFile(prefix + file.path(), file.content())).toList();
    }

    /** The README that closes the export, saying how many part folders it has. */
    public ExportFile tail() {
        return text("README.txt", Snippets.readme(folder));
    }

    private static String commonName(X509CertificateHolder certificate) {
        var rdns = certificate.getSubject().getRDNs(BCStyle.CN);
        return rdns.length == 0 ? certificate.getSerialNumber().toString(16) : rdns[0].getFirst().getValue().toString();
    }

    private static ExportFile text(String path, String content) {
        return new ExportFile(path, content.getBytes(StandardCharsets.UTF_8));
    }
}
