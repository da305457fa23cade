package dev.ceremony.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

class EcdsaSignaturesPropertiesTest {

    @Property
    void derEncoding_keepsRAndS_forEveryFixedLengthPair(@ForAll @Size(value = 96) byte[] raw) {
        byte[] der = EcdsaSignatures.toDer(raw);

        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        assertThat(sequence.size()).isEqualTo(2);
        assertThat(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue())
                .isEqualTo(new BigInteger(1, Arrays.copyOfRange(raw, 0, 48)));
        assertThat(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue())
                .isEqualTo(new BigInteger(1, Arrays.copyOfRange(raw, 48, 96)));
    }
}
