package dev.ceremony.pkcs11;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/** Converts the raw r‖s output of CKM_ECDSA into the DER ECDSA-Sig-Value that X.509 uses. */
final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    static byte[] toDer(byte[] rawRs) {
        if (rawRs == null || rawRs.length == 0 || rawRs.length % 2 != 0) {
            throw new IllegalArgumentException("CKM_ECDSA returned " + (rawRs == null ? 0 : rawRs.length)
                    + " bytes; expected r and s of equal length");
        }
        int half = rawRs.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rawRs, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rawRs, half, rawRs.length));
        ASN1EncodableVector values = new ASN1EncodableVector(2);
        values.add(new ASN1Integer(r));
        values.add(new ASN1Integer(s));
        try {
            return new DERSequence(values).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of two integers failed", e);
        }
    }
}
