package dev.ceremony.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class KeyLabelPropertiesTest {

    @Property
    void labelsOfLettersAndDigits_areAccepted(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 64) String text) {
        assertThat(new KeyLabel(text).value()).isEqualTo(text);
    }

    @Property
    void labelsWithAnythingElse_areRefused(@ForAll @StringLength(min = 1, max = 80) String text) {
        boolean valid = text.length() <= KeyLabel.MAX_LENGTH && text.matches("[A-Za-z0-9][A-Za-z0-9._-]*");
        if (valid) {
            assertThat(new KeyLabel(text).value()).isEqualTo(text);
        } else {
            assertThatThrownBy(() -> new KeyLabel(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
