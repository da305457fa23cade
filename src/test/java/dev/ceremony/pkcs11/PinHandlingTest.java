package dev.ceremony.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import org.junit.jupiter.api.Test;

/** Login against a real SoftHSM token: what it can show of PIN handling (COUNT_LOW, lengths, no retry). */
@SoftHsm
class PinHandlingTest {

    @Test
    void wrongPin_isReportedWithTheCountLowFlag_andNotRetried(TestToken testToken) {
        try (Token token = testToken.open(); Pin wrong = Pin.of("wrong-pin-1".toCharArray())) {
            assertThatThrownBy(() -> token.login(wrong, identity -> true))
                    .isInstanceOf(TokenException.class)
                    .hasMessageContaining("rejected the PIN")
                    .hasMessageContaining("count low")
                    .hasMessageContaining("does not retry")
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_INCORRECT);
            assertThat(token.isLoggedIn()).isFalse();
            assertThat(token.pinState().countLow()).isTrue();
            assertThat(wrong.isDestroyed()).as("the caller owns the PIN").isFalse();

            try (Pin right = testToken.pin()) {
                token.login(right, identity -> false);
            }
            assertThat(token.isLoggedIn()).isTrue();
            assertThat(token.pinState().countLow()).as("cleared by the good login").isFalse();
        }
    }

    @Test
    void pinShorterThanTheTokenAccepts_isNotSent(TestToken testToken) {
        try (Token token = testToken.open(); Pin tooShort = Pin.of("123".toCharArray())) {
            assertThatThrownBy(() -> token.login(tooShort, identity -> true))
                    .hasMessageContaining("the PIN has 3 characters")
                    .hasMessageContaining("accepts 4 to 255")
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_INVALID);
            assertThat(token.pinState().countLow()).as("no try was used").isFalse();
        }
    }

    @Test
    void pinWithNonAsciiCharacters_isNotSent(TestToken testToken) {
        try (Token token = testToken.open(); Pin umlaut = Pin.of("pässwort".toCharArray())) {
            assertThatThrownBy(() -> token.login(umlaut, identity -> true))
                    .hasMessageContaining("outside printable ASCII")
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_INVALID);
            assertThat(token.pinState().countLow()).isFalse();
        }
    }

    @Test
    void sameTokenOpenedTwiceByOneDriver_isRefused(TestToken testToken) {
        Pkcs11TokenDriver driver = new Pkcs11TokenDriver(JdkCryptoki::load, 1);
        try (Token first = driver.open(testToken.family(), testToken.label(), java.util.Optional.empty())) {
            assertThatThrownBy(() -> driver.open(testToken.family(), testToken.label(), java.util.Optional.empty()))
                    .hasMessageContaining("is already open in this program");
        }
        driver.open(testToken.family(), testToken.label(), java.util.Optional.empty()).close();
    }

    @Test
    void wrongPin_whileAnotherPartOfTheProgramIsLoggedIn_isNotAccepted(TestToken testToken) {
        try (Token loggedIn = testToken.openLoggedIn(); Token second = testToken.open();
                Pin wrong = Pin.of("wrong-pin-2".toCharArray())) {
            assertThatThrownBy(() -> second.login(wrong, identity -> true))
                    .isInstanceOf(TokenException.class)
                    .hasMessageContaining("already logged in by another part of this program");
            assertThat(second.isLoggedIn()).isFalse();
            assertThat(loggedIn.isLoggedIn()).isTrue();
        }
    }

    @Test
    void keyOperationsBeforeLogin_areRefused(TestToken testToken) {
        try (Token token = testToken.open()) {
            assertThatThrownBy(() -> token.findKey(new KeyLabel("any")))
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.NOT_LOGGED_IN);
            assertThatThrownBy(token::listKeys).hasMessageContaining("log in to token 'ceremony-test' to list keys");
        }
    }
}
