package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SerialTextTest {

    @Test
    void keepsTheLeadingZeroOfEveryByte_asOpensslPrintsIt() {
        assertThat(SerialText.of(new BigInteger("0e7a01", 16))).isEqualTo("0e:7a:01");
        assertThat(SerialText.of(new BigInteger("8ecf7f2a51d804b56e2edcad8c3c5f4f", 16)))
                .isEqualTo("8e:cf:7f:2a:51:d8:04:b5:6e:2e:dc:ad:8c:3c:5f:4f");
        assertThat(SerialText.of(BigInteger.ONE)).isEqualTo("01");
        assertThat(SerialText.of(BigInteger.ZERO)).isEqualTo("00");
    }

    @Test
    void aSixteenByteSerialWithAZeroNibbleFirst_stillReadsAsSixteenPairs() {
        BigInteger serial = new BigInteger("0" + "f".repeat(31), 16);
        assertThat(serial.toString(16)).hasSize(31);
        assertThat(SerialText.of(serial).split(":")).hasSize(16);
    }
}
