package dev.ceremony.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PinTest {

    @Test
    void toString_showsNothingOfThePin() {
        try (Pin pin = Pin.of("123456".toCharArray())) {
            assertThat(pin.toString()).doesNotContain("123456").isEqualTo("Pin(hidden)");
            assertThat(String.valueOf(pin)).doesNotContain("1");
        }
    }

    @Test
    void reveal_handsOutACopy_thatIsWipedAfterwards() {
        AtomicReference<char[]> seen = new AtomicReference<>();
        try (Pin pin = Pin.of("secret".toCharArray())) {
            String during = pin.reveal(SecretAccess.TOKEN_LOGIN, chars -> {
                seen.set(chars);
                return new String(chars);
            });

            assertThat(during).isEqualTo("secret");
            assertThat(seen.get()).containsOnly('\0');
            assertThat(read(pin)).isEqualTo("secret");
        }
    }

    @Test
    void of_copiesTheCallersArray() {
        char[] typed = "abcd".toCharArray();
        try (Pin pin = Pin.of(typed)) {
            typed[0] = 'X';
            assertThat(read(pin)).isEqualTo("abcd");
        }
    }

    @Test
    void destroyedPin_cannotBeRead() {
        Pin pin = Pin.of("abcd".toCharArray());

        pin.destroy();

        assertThat(pin.isDestroyed()).isTrue();
        assertThatThrownBy(() -> pin.reveal(SecretAccess.TOKEN_LOGIN, String::new))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pin::length).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readingWithoutAnAccessToken_isRefused() {
        try (Pin pin = Pin.of("abcd".toCharArray())) {
            assertThatThrownBy(() -> pin.reveal(null, String::new)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void emptyPin_isRefused() {
        assertThatThrownBy(() -> Pin.of(new char[0])).hasMessage("the PIN is empty");
    }

    private static String read(Pin pin) {
        return pin.reveal(SecretAccess.TOKEN_LOGIN, String::new);
    }
}
