package dev.ceremony.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.token.Pin;
import dev.ceremony.token.SecretAccess;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custodians entering shares: every check happens before a PIN exists, and the verifier has the last word. */
class QuorumEntryTest {

    private final SecureRandom random = new SecureRandom();
    private final ShareCodec codec = new ShareCodec();

    private record Dealt(CustodianQuorum quorum, List<String> texts, String pin) {
    }

    private Dealt deal(int threshold, List<String> custodians) {
        byte[] secret = new byte[QuorumPin.PREFERRED_BYTES];
        random.nextBytes(secret);
        List<Share> shares = new QuorumSplitter(random).split(secret, threshold, custodians.size());
        CustodianQuorum quorum = new CustodianQuorum(PinRole.USER, shares.get(0).quorum(), secret.length,
                PinVerifier.of(secret, random), custodians);
        try (Pin pin = QuorumPin.pinOf(secret)) {
            return new Dealt(quorum, shares.stream().map(codec::encode).toList(), pin.reveal(SecretAccess.QUORUM,
                    String::new));
        }
    }

    private static String pin(QuorumEntry entry) {
        try (Pin pin = entry.pin()) {
            return pin.reveal(SecretAccess.QUORUM, String::new);
        }
    }

    @Test
    void everySubsetOfM_givesThePin_andTheIndicesAreKept() {
        Dealt dealt = deal(3, List.of("Ann", "Bob", "Cid", "Dee", "Eve"));
        int subsets = 0;
        for (int a = 0; a < 5; a++) {
            for (int b = a + 1; b < 5; b++) {
                for (int c = b + 1; c < 5; c++) {
                    QuorumEntry entry = new QuorumEntry(List.of(dealt.quorum()));
                    assertThat(entry.accept(dealt.texts().get(c).toLowerCase())).isEqualTo(c + 1);
                    entry.accept(dealt.texts().get(a).replace("-", " "));
                    assertThat(entry.complete()).isFalse();
                    entry.accept(dealt.texts().get(b));
                    assertThat(entry.indices()).containsExactly(c + 1, a + 1, b + 1);
                    assertThat(pin(entry)).isEqualTo(dealt.pin()).hasSize(20);
                    subsets++;
                }
            }
        }
        assertThat(subsets).isEqualTo(10);
    }

    @Test
    void fewerThanM_aRepeat_aTypo_andAForeignShare_areRefusedBeforeAnyPinExists() {
        Dealt dealt = deal(3, List.of("Ann", "Bob", "Cid"));
        Dealt other = deal(2, List.of("Sam", "Sue"));
        QuorumEntry entry = new QuorumEntry(List.of(dealt.quorum()));
        entry.accept(dealt.texts().get(0));
        entry.accept(dealt.texts().get(1));
        assertThatThrownBy(entry::pin).hasMessageContaining("2 of the 3 shares needed were entered")
                .hasMessageContaining("No login was tried");
        assertThatThrownBy(() -> entry.accept(dealt.texts().get(1))).hasMessageContaining("share 2 (Bob) was already "
                + "entered");
        assertThatThrownBy(() -> entry.accept(other.texts().get(0))).hasMessageContaining("of quorum "
                + other.quorum().quorum().id()).hasMessageContaining("an old share");
        String typo = dealt.texts().get(2);
        typo = typo.substring(0, 10) + (typo.charAt(10) == '7' ? '8' : '7') + typo.substring(11);
        String mistyped = typo;
        assertThatThrownBy(() -> entry.accept(mistyped)).hasMessageContaining("check value");
        assertThat(entry.enteredCount()).as("nothing refused was kept").isEqualTo(2);
        entry.accept(dealt.texts().get(2));
        assertThat(pin(entry)).isEqualTo(dealt.pin());
    }

    @Test
    void sharesThatPassTheirChecks_butNotTheVerifier_giveNoPin() {
        Dealt dealt = deal(2, List.of("Ann", "Bob"));
        byte[] another = new byte[QuorumPin.PREFERRED_BYTES];
        CustodianQuorum lying = new CustodianQuorum(PinRole.USER, dealt.quorum().quorum(), another.length,
                PinVerifier.of(another, random), dealt.quorum().custodians());
        QuorumEntry entry = new QuorumEntry(List.of(lying));
        entry.accept(dealt.texts().get(0));
        entry.accept(dealt.texts().get(1));
        assertThatThrownBy(entry::pin).hasMessageContaining("do not give the PIN the records hold")
                .hasMessageContaining("No login was tried");
    }

    @Test
    void afterAnInterruptedResharing_theSharesOfEitherQuorumAreTaken_butNotMixed() {
        Dealt old = deal(2, List.of("Ann", "Bob"));
        Dealt pending = deal(2, List.of("Eve", "Fay"));
        QuorumEntry entry = new QuorumEntry(List.of(old.quorum(), pending.quorum()));
        entry.accept(pending.texts().get(1));
        assertThat(entry.quorum()).isEqualTo(pending.quorum());
        assertThatThrownBy(() -> entry.accept(old.texts().get(0))).hasMessageContaining("all must be of one quorum");
        entry.accept(pending.texts().get(0));
        assertThat(pin(entry)).isEqualTo(pending.pin());
    }

    @Test
    void secretSize_followsTheTokensPinLengths() {
        assertThat(QuorumPin.secretBytes(4, 255)).isEqualTo(12);
        assertThat(QuorumPin.secretBytes(6, 8)).isEqualTo(5);
        assertThatThrownBy(() -> QuorumPin.secretBytes(4, 6)).hasMessageContaining("no room");
        assertThatThrownBy(() -> QuorumPin.secretBytes(12, 8)).isInstanceOf(QuorumException.class);
    }
}
