package dev.ceremony.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Pin;
import dev.ceremony.token.SignatureScheme;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** C_SetPIN through JNA on the module the JDK loaded, against a real SoftHSM token. */
@SoftHsm
class PinChangeTest {

    private FaultyCryptoki counted;

    @Test
    void functionListEntry_isTheModulesOwnCSetPin() throws Exception {
        NativePinCalls calls = NativePinCalls.load(TestToken.LIBRARY);
        assertThat(Pointer.nativeValue(calls.setPinEntry())).isEqualTo(Pointer.nativeValue(
                NativeLibrary.getInstance(TestToken.LIBRARY.toString()).getFunction("C_SetPIN")));
    }

    @Test
    void userPin_changes_theOldOneIsRefused_andTheSessionGoesOn(TestToken testToken) {
        Pin next = Pin.of("a-new-user-pin-1".toCharArray());
        try (Token token = testToken.openLoggedIn(); Pin old = testToken.pin()) {
            KeyHandle key = token.generateKeyPair(new KeyLabel("before-user-change"), KeySpec.EC_P256);
            token.changeUserPin(old, next);
            assertThat(token.isLoggedIn()).isTrue();
            assertThat(token.sign(key, SignatureScheme.ECDSA_SHA256, "x".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        }
        try (Token token = testToken.open(); Pin old = testToken.pin()) {
            assertThatThrownBy(() -> token.login(old, identity -> true))
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_INCORRECT);
            token.login(next, identity -> true);
            assertThat(token.pinState().countLow()).isFalse();
            token.changeUserPin(next, testToken.pin());
        }
    }

    @Test
    void soPin_changes_andTheUserIsLoggedInAgain_withTheKeysStillUsable(TestToken testToken) {
        Pin so = Pin.of(testToken.soPin().toCharArray());
        Pin nextSo = Pin.of("a-new-so-pin-22".toCharArray());
        try (Token token = testToken.openLoggedIn(); Pin user = testToken.pin()) {
            KeyHandle key = token.generateKeyPair(new KeyLabel("before-so-change"), KeySpec.EC_P256);
            token.sign(key, SignatureScheme.ECDSA_SHA256, new byte[] {1});
            token.changeSoPin(so, nextSo, user);
            assertThat(token.isLoggedIn()).isTrue();
            assertThat(token.sign(key, SignatureScheme.ECDSA_SHA256, new byte[] {2})).isNotEmpty();

            assertThatThrownBy(() -> token.changeSoPin(so, nextSo, user))
                    .hasMessageContaining("rejected the current SO PIN")
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_INCORRECT);
            assertThat(token.isLoggedIn()).as("logged in again after the refusal").isTrue();
            token.changeSoPin(nextSo, so, user);
        }
    }

    /** The token through the counting seam, logged in. */
    private Token openCounted(TestToken testToken) {
        Token token = new Pkcs11TokenDriver(library -> {
            counted = new FaultyCryptoki(JdkCryptoki.load(library), 0, null);
            return counted;
        }, 1).open(testToken.family(), testToken.label(), Optional.empty());
        try (Pin pin = testToken.pin()) {
            token.login(pin, identity -> false);
        }
        return token;
    }

    @Test
    void soPinProof_takesTheRightSoPin_refusesAWrongOne_changesNothing_andTheUserStaysLoggedIn(TestToken testToken) {
        try (Token token = openCounted(testToken); Pin user = testToken.pin();
                Pin so = Pin.of(testToken.soPin().toCharArray()); Pin wrong = Pin.of("not-the-so-pin".toCharArray())) {
            KeyHandle key = token.generateKeyPair(new KeyLabel("before-so-proof"), KeySpec.EC_P256);
            token.proveSoPin(so, user);
            assertThat(token.isLoggedIn()).isTrue();
            assertThat(token.sign(key, SignatureScheme.ECDSA_SHA256, new byte[] {1})).isNotEmpty();

            assertThatThrownBy(() -> token.proveSoPin(wrong, user))
                    .hasMessageContaining("rejected the current SO PIN")
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_INCORRECT);
            assertThat(token.isLoggedIn()).as("logged in again after the refusal").isTrue();
            assertThat(token.sign(key, SignatureScheme.ECDSA_SHA256, new byte[] {2})).isNotEmpty();
            token.proveSoPin(so, user);
            assertThat(counted.soLogins).as("SO logins").hasValue(3);
            assertThat(counted.setPins).as("C_SetPIN calls").hasValue(0);
        }
    }

    @Test
    void aCurrentSoPinLongerThanTheTokenTakes_isNotSent(TestToken testToken) {
        try (Token token = openCounted(testToken); Pin user = testToken.pin();
                Pin tooLong = Pin.of("x".repeat(256).toCharArray())) {
            assertThatThrownBy(() -> token.proveSoPin(tooLong, user))
                    .hasMessageContaining("the SO PIN given has 256 characters")
                    .hasMessageContaining("no SO PIN try was used");
            assertThat(counted.soLogins).hasValue(0);
            assertThat(token.isLoggedIn()).isTrue();
        }
    }

    @Test
    void preparingAPinChange_refusesAPinTheTokenCannotTake_andSendsNothingEitherWay(TestToken testToken) {
        try (Token token = openCounted(testToken); Pin tiny = Pin.of("12".toCharArray());
                Pin fits = Pin.of("ABCDEFGHJK0123456789".toCharArray())) {
            assertThatThrownBy(() -> token.preparePinChange(tiny)).hasMessageContaining("does not fit");
            token.preparePinChange(fits);
            assertThat(counted.setPins).as("C_SetPIN calls").hasValue(0);
        }
        try (Token token = testToken.open(); Pin old = testToken.pin()) {
            token.login(old, identity -> true);
        }
    }

    @Test
    void newPin_theTokenCannotTake_isRefusedBeforeCSetPin(TestToken testToken) {
        try (Token token = testToken.openLoggedIn(); Pin old = testToken.pin(); Pin tiny = Pin.of("12".toCharArray())) {
            assertThatThrownBy(() -> token.changeUserPin(old, tiny))
                    .hasMessageContaining("does not fit")
                    .hasMessageContaining("was not changed");
        }
        try (Token token = testToken.open(); Pin old = testToken.pin()) {
            token.login(old, identity -> true);
        }
    }
}
