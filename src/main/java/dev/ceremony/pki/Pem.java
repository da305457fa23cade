package dev.ceremony.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text of certificates, and the chain and bundle files of the export layout. */
public final class Pem {

    private Pem() {
    }

    /** One certificate as PEM. */
    /**
     * Reads one certificate, PEM (the first CERTIFICATE block) or DER.
     *
     * @throws IllegalArgumentException when the bytes hold no certificate
     */
    public static X509CertificateHolder readCertificate(byte[] bytes) {
        try {
            String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                try (org.bouncycastle.util.io.pem.PemReader reader = new org.bouncycastle.util.io.pem.PemReader(
                        new java.io.StringReader(text))) {
                    for (org.bouncycastle.util.io.pem.PemObject object = reader.readPemObject(); object != null;
                            object = reader.readPemObject()) {
                        if (object.getType().equals("CERTIFICATE")) {
                            return new X509CertificateHolder(object.getContent());
                        }
                    }
                }
            }
            return new X509CertificateHolder(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("it holds no certificate in PEM or DER (" + e.getMessage() + ")", e);
        }
    }

    public static String certificate(X509CertificateHolder certificate) {
        return certificates(List.of(certificate));
    }

    /** Several certificates, in the given order, as one PEM text. */
    public static String certificates(List<X509CertificateHolder> certificates) {
        List<byte[]> encoded = new java.util.ArrayList<>();
        try {
            for (X509CertificateHolder certificate : certificates) {
                encoded.add(certificate.getEncoded());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
        return write("CERTIFICATE", encoded);
    }

    private static String write(String type, List<byte[]> blocks) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            for (byte[] block : blocks) {
                writer.writeObject(new PemObject(type, block));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return text.toString();
    }

    /** A CRL as PEM ({@code X509 CRL}). */
    public static String crl(org.bouncycastle.cert.X509CRLHolder crl) {
        try {
            return write("X509 CRL", List.of(crl.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    /** The full chain: leaf, intermediates, then the root. */
    public static String fullChain(X509CertificateHolder leaf, List<X509CertificateHolder> intermediates,
            X509CertificateHolder root) {
        List<X509CertificateHolder> chain = new java.util.ArrayList<>();
        chain.add(leaf);
        chain.addAll(intermediates);
        chain.add(requireRoot(root));
        return certificates(chain);
    }

    /**
     * {@code ca-bundle.pem} for device-side pinning: the root alone by default, so intermediates
     * rotate without touching devices (seed 003 section 6); with an intermediate, that one first
     * (section 6.1, more restrictive).
     */
    public static String caBundle(X509CertificateHolder root, java.util.Optional<X509CertificateHolder> intermediate) {
        List<X509CertificateHolder> bundle = new java.util.ArrayList<>();
        intermediate.ifPresent(bundle::add);
        bundle.add(requireRoot(root));
        return certificates(bundle);
    }

    private static X509CertificateHolder requireRoot(X509CertificateHolder root) {
        if (!root.getSubject().equals(root.getIssuer())) {
            throw new IllegalArgumentException(root.getSubject() + " is not a self-signed root");
        }
        return root;
    }

    /** {@code <name>.chain.pem}: the leaf, then its intermediates, never the root (seed 003 section 5). */
    public static String chain(X509CertificateHolder leaf, List<X509CertificateHolder> intermediates) {
        List<X509CertificateHolder> chain = new java.util.ArrayList<>();
        chain.add(leaf);
        for (X509CertificateHolder intermediate : intermediates) {
            if (intermediate.getSubject().equals(intermediate.getIssuer())) {
                throw new IllegalArgumentException("a chain file never holds the root (" + intermediate.getSubject() + ")");
            }
            chain.add(intermediate);
        }
        return certificates(chain);
    }
}
