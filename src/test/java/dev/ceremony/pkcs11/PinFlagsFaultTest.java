package dev.ceremony.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import dev.ceremony.token.TokenIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FINAL_TRY and LOCKED, which SoftHSM never reports, injected through {@link FaultyCryptoki}. */
@SoftHsm
class PinFlagsFaultTest {

    private FaultyCryptoki faulty;

    private Token open(TestToken testToken, long extraFlags, Long loginError) {
        Pkcs11TokenDriver driver = new Pkcs11TokenDriver(library -> {
            faulty = new FaultyCryptoki(JdkCryptoki.load(library), extraFlags, loginError);
            return faulty;
        }, 1);
        return driver.open(testToken.family(), testToken.label(), Optional.empty());
    }

    @Test
    void finalTry_withoutConfirmation_doesNotTryTheLogin(TestToken testToken) {
        List<TokenIdentity> asked = new ArrayList<>();
        try (Token token = open(testToken, Ck.CKF_USER_PIN_FINAL_TRY, null); Pin pin = testToken.pin()) {
            assertThat(token.pinState().describe()).contains("FINAL TRY");

            assertThatThrownBy(() -> token.login(pin, identity -> asked.add(identity) && false))
                    .hasMessageContaining("FINAL TRY")
                    .hasMessageContaining("not attempted")
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.FINAL_TRY_NOT_CONFIRMED);
            assertThat(asked).extracting(TokenIdentity::label).containsExactly(testToken.label());
            assertThat(faulty.logins).hasValue(0);
            assertThat(token.isLoggedIn()).isFalse();
        }
    }

    @Test
    void soPinAtFinalTryOrLocked_isNeverTried_andTheUserStaysLoggedIn(TestToken testToken) {
        for (long flag : new long[] {Ck.CKF_SO_PIN_FINAL_TRY, Ck.CKF_SO_PIN_LOCKED}) {
            try (Token token = open(testToken, flag, null); Pin pin = testToken.pin();
                    Pin so = Pin.of(testToken.soPin().toCharArray());
                    Pin next = Pin.of("another-so-pin-1".toCharArray())) {
                token.login(pin, identity -> true);
                assertThatThrownBy(() -> token.changeSoPin(so, next, pin))
                        .hasMessageContaining("SO PIN was not changed");
                assertThat(faulty.logins).as("only the user's login").hasValue(1);
                assertThat(token.isLoggedIn()).isTrue();
            }
        }
    }

    @Test
    void soPinProofAtFinalTryOrLocked_isNeverTried_andTheUserStaysLoggedIn(TestToken testToken) {
        for (long flag : new long[] {Ck.CKF_SO_PIN_FINAL_TRY, Ck.CKF_SO_PIN_LOCKED}) {
            try (Token token = open(testToken, flag, null); Pin pin = testToken.pin();
                    Pin so = Pin.of(testToken.soPin().toCharArray())) {
                token.login(pin, identity -> true);
                assertThatThrownBy(() -> token.proveSoPin(so, pin))
                        .hasMessageContaining(flag == Ck.CKF_SO_PIN_LOCKED ? "LOCKED; Ceremony did not try it"
                                : "FINAL TRY; Ceremony does not spend it");
                assertThat(faulty.soLogins).as("SO logins").hasValue(0);
                assertThat(token.isLoggedIn()).isTrue();
            }
        }
    }

    @Test
    void finalTry_withConfirmation_logsIn(TestToken testToken) {
        try (Token token = open(testToken, Ck.CKF_USER_PIN_FINAL_TRY, null); Pin pin = testToken.pin()) {
            token.login(pin, identity -> true);

            assertThat(faulty.logins).hasValue(1);
            assertThat(token.isLoggedIn()).isTrue();
        }
    }

    @Test
    void lockedPin_isNeverTried_evenWhenConfirmed(TestToken testToken) {
        try (Token token = open(testToken, Ck.CKF_USER_PIN_LOCKED, null); Pin pin = testToken.pin()) {
            assertThatThrownBy(() -> token.login(pin, identity -> true))
                    .hasMessageContaining("LOCKED")
                    .hasMessageContaining("SO PIN")
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_LOCKED);
            assertThat(faulty.logins).hasValue(0);
        }
    }

    @Test
    void tokenThatLocksDuringLogin_isReportedAsLocked(TestToken testToken) {
        try (Token token = open(testToken, 0, Ck.CKR_PIN_LOCKED); Pin pin = testToken.pin()) {
            assertThatThrownBy(() -> token.login(pin, identity -> true))
                    .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.PIN_LOCKED);
            assertThat(faulty.logins).hasValue(1);
        }
    }
}
