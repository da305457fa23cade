package dev.ceremony.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class QuorumTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private final QuorumSplitter splitter = new QuorumSplitter(new SecureRandom());
    private final ShareCodec codec = new ShareCodec();

    @Property(tries = 60)
    void anyMOfNShares_asTypedBack_giveTheSecret(@ForAll @Size(min = 1, max = 32) byte[] secret,
            @ForAll @IntRange(min = 2, max = 16) int n, @ForAll @IntRange(min = 2, max = 16) int m,
            @ForAll long seed) {
        Assume.that(m <= n);
        List<Share> shares = splitter.split(secret, m, n);
        assertThat(shares).hasSize(n);
        List<Share> chosen = new ArrayList<>(shares);
        Collections.shuffle(chosen, new Random(seed));
        List<Share> typedBack = new ArrayList<>();
        for (Share share : chosen.subList(0, m)) {
            String text = codec.encode(share);
            assertThat(text).matches("[0-9A-HJKMNP-TV-Z]{1,4}(-[0-9A-HJKMNP-TV-Z]{1,4})*");
            // Lower case, I for 1 and O for 0, and spaces instead of hyphens are read the same.
            typedBack.add(codec.decode(text.toLowerCase().replace('-', ' ').replace('1', 'I').replace('0', 'O'),
                    secret.length));
        }
        assertThat(QuorumSplitter.combine(typedBack)).isEqualTo(secret);
    }

    @Test
    void mMinusOneShares_areRefusedBeforeCombining_sayingHowManyMoreAreNeeded() {
        List<Share> shares = splitter.split("a PIN of the token".getBytes(), 3, 5);

        assertThatThrownBy(() -> QuorumSplitter.combine(shares.subList(0, 2))).isInstanceOf(QuorumException.class)
                .hasMessage("2 of the 3 shares needed were entered; 1 more custodian is needed");
        assertThatThrownBy(() -> QuorumSplitter.combine(List.of(shares.get(4), shares.get(4), shares.get(1))))
                .hasMessageContaining("share 5 was entered twice");
    }

    @Property(tries = 200)
    void oneMistypedCharacter_isCaughtByTheCheckValue(@ForAll @IntRange(min = 0, max = 1000) int where,
            @ForAll @IntRange(min = 1, max = 31) int shift) {
        Share share = splitter.split(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"), 2, 3).get(1);
        String text = codec.encode(share).replace("-", "");
        int at = where % text.length();
        char wrong = ALPHABET.charAt((ALPHABET.indexOf(text.charAt(at)) + shift) % ALPHABET.length());
        String mistyped = text.substring(0, at) + wrong + text.substring(at + 1);

        assertThatThrownBy(() -> codec.decode(mistyped, 16)).isInstanceOf(QuorumException.class)
                .hasMessageContaining("mistyped");
    }

    @Test
    void aShareOfAnotherQuorum_orALostGroup_isNamed() {
        byte[] pin = "0123456789abcdef".getBytes();
        List<Share> current = splitter.split(pin, 2, 3);
        List<Share> old = splitter.split(pin, 2, 3);

        assertThatThrownBy(() -> QuorumSplitter.combine(List.of(current.get(0), old.get(1))))
                .isInstanceOf(QuorumException.class).hasMessageContaining("share 2 belongs to quorum "
                        + old.get(1).quorum().id() + ", not to quorum " + current.get(0).quorum().id());
        String text = codec.encode(current.get(2));
        assertThatThrownBy(() -> codec.decode(text.substring(5), 16)).hasMessageContaining("a group is missing");
        assertThatThrownBy(() -> codec.decode(text.replaceFirst("-", "-U"), 16)).hasMessageContaining("'U'");
        Share decoded = codec.decode(text, 16);
        assertThat(decoded.index()).isEqualTo(3);
        assertThat(decoded.quorum()).isEqualTo(current.get(2).quorum());
        assertThat(decoded.toString()).isEqualTo("share 3 of quorum " + decoded.quorum().id() + " (2 of 3) (value not "
                + "shown)");
        assertThatThrownBy(() -> new Quorum("0a0b0c0d", 1, 3)).hasMessageContaining("2 <= M <= N <= 16");
        assertThatThrownBy(() -> new Quorum("0a0b0c0d", 3, 17)).hasMessageContaining("2 <= M <= N <= 16");
    }

    @Test
    void theVerifier_knowsTheSecret_andNothingElse() {
        byte[] pin = "0123456789abcdef".getBytes();
        PinVerifier verifier = PinVerifier.of(pin, new SecureRandom());

        assertThat(verifier.matches(pin)).isTrue();
        assertThat(verifier.matches("0123456789abcdeF".getBytes())).isFalse();
        PinVerifier read = PinVerifier.parse(verifier.text());
        assertThat(read).isEqualTo(verifier);
        assertThat(read.matches(pin)).isTrue();
        assertThat(verifier.text()).startsWith("argon2id$m=65536,t=3,p=1$").doesNotContain("0123456789abcdef");
        assertThatThrownBy(() -> PinVerifier.parse("sha256$x")).isInstanceOf(IllegalArgumentException.class);
    }
}
