package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;

/** Name constraints read back from a certificate's extension, so that a rotation can carry them over whole. */
class NameConstraintsSpecTest {

    @Test
    void constraintsReadBackFromTheirExtension_areTheSameConstraints() {
        for (NameConstraintsSpec spec : List.of(new NameConstraintsSpec(List.of("example.com"), List.of()),
                new NameConstraintsSpec(List.of("example.com", "example.net"), List.of("192.0.2.0/24", "10.0.0.0/8")),
                new NameConstraintsSpec(List.of(), List.of("2001:db8::/32")))) {
            NameConstraintsSpec read = NameConstraintsSpec.of(spec.toExtension());

            assertThat(read.domains()).isEqualTo(spec.domains());
            assertThat(read.toExtension()).isEqualTo(spec.toExtension());
        }
    }

    @Test
    void constraintsCeremonyDoesNotWrite_areRefused_ratherThanCarriedOverInPart() {
        NameConstraints foreign = new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com"))}, new GeneralSubtree[] {
                new GeneralSubtree(new GeneralName(GeneralName.dNSName, "secret.example.com"))});

        assertThatThrownBy(() -> NameConstraintsSpec.of(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be carried over as they are");
    }

    @Test
    void theDescription_saysWhatIsPermitted() {
        assertThat(new NameConstraintsSpec(List.of("example.com"), List.of()).describe())
                .isEqualTo("DNS under example.com; no IP address");
        assertThat(new NameConstraintsSpec(List.of(), List.of("10.0.0.0/8")).describe())
                .isEqualTo("no DNS name; IP in 10.0.0.0/8");
    }
}
