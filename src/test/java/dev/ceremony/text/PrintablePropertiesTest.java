package dev.ceremony.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PrintablePropertiesTest {

    @Property
    void escapedText_holdsNoControlOrFormatCharacter(@ForAll String text) {
        String escaped = Printable.escape(text);

        escaped.codePoints().forEach(cp -> {
            assertThat(Character.isISOControl(cp)).as("U+%04X", cp).isFalse();
            assertThat(Character.getType(cp)).as("U+%04X", cp).isNotEqualTo((int) Character.FORMAT);
        });
    }

    @Property
    void printableAsciiWithoutBackslash_isUnchanged(@ForAll("printableAscii") String text) {
        assertThat(Printable.escape(text)).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> printableAscii() {
        return Arbitraries.strings().withCharRange(' ', '~').excludeChars('\\');
    }

    @Example
    void terminalEscapesAndBidiOverrides_areShownAsCodes() {
        assertThat(Printable.escape("a\u001b[2Jb\u202Ec\\")).isEqualTo("a\\u001B[2Jb\\u202Ec\\\\");
    }
}
