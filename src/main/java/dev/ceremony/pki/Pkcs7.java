package dev.ceremony.pki;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.util.CollectionStore;

/** PKCS#7 "certs-only" bundles ({@code .p7b}, DER): a SignedData with certificates and no signers. */
public final class Pkcs7 {

    private Pkcs7() {
    }

    public static byte[] certsOnly(List<X509CertificateHolder> certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new CollectionStore<>(certificates));
            return generator.generate(new CMSAbsentContent()).getEncoded();
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("cannot encode a PKCS#7 bundle", e);
        }
    }
}
