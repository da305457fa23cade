package dev.ceremony.pki;

import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A certificate signed on the token, linted before and verified after, with the SHA-256 of the
 * TBS bytes that were linted and signed (what the audit log records before the signature).
 */
public record IssuedCertificate(X509CertificateHolder certificate, byte[] tbsSha256) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        tbsSha256 = tbsSha256.clone();
    }

    @Override
    public byte[] tbsSha256() {
        return tbsSha256.clone();
    }

    public String tbsSha256Hex() {
        return HexFormat.of().formatHex(tbsSha256);
    }
}
