package dev.ceremony.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyStorage;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import dev.ceremony.token.TokenFamily;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@SoftHsm(labels = {"alpha", "beta"})
class TokenSelectionTest {

    private final Pkcs11TokenDriver driver = new Pkcs11TokenDriver(JdkCryptoki::load, 1);

    @Test
    void tokenIsSelectedByLabel_andReportsItsIdentity(TestToken testToken) {
        try (Token beta = driver.open(testToken.family(), "beta", Optional.empty())) {
            assertThat(beta.identity().label()).isEqualTo("beta");
            assertThat(beta.identity().manufacturer()).isEqualTo("SoftHSM project");
            assertThat(beta.identity().model()).isEqualTo("SoftHSM v2");
            assertThat(beta.identity().serial()).isNotBlank();
            assertThat(beta.identity().firmwareVersion()).matches("\\d+\\.\\d+");
        }
    }

    @Test
    void unknownLabel_listsTheLabelsAndSerialsPresent(TestToken testToken) {
        String alphaSerial;
        String betaSerial;
        try (Token alpha = driver.open(testToken.family(), "alpha", Optional.empty());
                Token beta = driver.open(testToken.family(), "beta", Optional.empty())) {
            alphaSerial = alpha.identity().serial();
            betaSerial = beta.identity().serial();
        }

        assertThatThrownBy(() -> driver.open(testToken.family(), "gamma", Optional.empty()))
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("no token labelled 'gamma'")
                .hasMessageContaining("'alpha' (serial " + alphaSerial + ")")
                .hasMessageContaining("'beta' (serial " + betaSerial + ")")
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.TOKEN_NOT_FOUND);
    }

    @Test
    void serial_mustMatchWhenGiven(TestToken testToken) {
        String alphaSerial;
        try (Token alpha = driver.open(testToken.family(), "alpha", Optional.empty())) {
            alphaSerial = alpha.identity().serial();
        }

        try (Token alpha = driver.open(testToken.family(), "alpha", Optional.of(alphaSerial))) {
            assertThat(alpha.identity().serial()).isEqualTo(alphaSerial);
        }
        assertThatThrownBy(() -> driver.open(testToken.family(), "alpha", Optional.of("0000000000000000")))
                .hasMessageContaining("no token labelled 'alpha' with serial 0000000000000000");
    }

    @Test
    void missingLibrary_namesTheHsmConfigFileAndThePackage(TestToken testToken) {
        TokenFamily shipped = testToken.family();
        TokenFamily broken = new TokenFamily(shipped.name(), shipped.description(), shipped.source(),
                Path.of("/usr/lib/nowhere/libmissing-pkcs11.so"), shipped.libraryPackage(), true,
                shipped.keySpecs(), shipped.keyStorage(), shipped.pinMinLength(), shipped.pinMaxLength(),
                shipped.privateKeyTemplate(), shipped.publicKeyTemplate());

        assertThatThrownBy(() -> driver.open(broken, "alpha", Optional.empty()))
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("/usr/lib/nowhere/libmissing-pkcs11.so")
                .hasMessageContaining(shipped.source().toString())
                .hasMessageContaining("Debian package softhsm2")
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.LIBRARY_MISSING);
    }

    @Test
    void fileThatIsNotAPkcs11Library_failsWithTheFileNamed(TestToken testToken) {
        TokenFamily shipped = testToken.family();
        TokenFamily wrong = new TokenFamily(shipped.name(), shipped.description(), shipped.source(),
                Path.of("/etc/hostname"), shipped.libraryPackage(), true, shipped.keySpecs(), shipped.keyStorage(),
                shipped.pinMinLength(), shipped.pinMaxLength(), shipped.privateKeyTemplate(),
                shipped.publicKeyTemplate());

        assertThatThrownBy(() -> driver.open(wrong, "alpha", Optional.empty()))
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("/etc/hostname")
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.LIBRARY_FAILED);
    }

    @Test
    void familyWithFixedSlots_refusesToGenerate_beforeTouchingTheToken(TestToken testToken) {
        TokenFamily shipped = testToken.family();
        TokenFamily fixed = new TokenFamily("yubikey-piv", "YubiKey PIV (ykcs11)", shipped.source(), shipped.library(),
                shipped.libraryPackage(), false, shipped.keySpecs(), KeyStorage.FIXED_SLOTS, 6, 8,
                shipped.privateKeyTemplate(), shipped.publicKeyTemplate());

        try (Token token = driver.open(fixed, "alpha", Optional.empty())) {
            try (var pin = testToken.pin()) {
                assertThatThrownBy(() -> token.login(pin, identity -> false))
                        .hasMessageContaining("the PIN has 13 characters")
                        .hasMessageContaining("accepts 6 to 8")
                        .hasMessageContaining("It was not sent");
            }
            assertThat(token.pinState().countLow()).isFalse();
        }
        assertThatThrownBy(() -> fixed.requireCanGenerate(KeySpec.EC_P256))
                .hasMessageContaining("fixed slots");
    }
}
