package dev.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PgpWordsTest {

    @Test
    void theWellKnownExample_readsAsPublished() {
        byte[] fingerprint = HexFormat.of().parseHex("E58294F2E9A227486E8B061B31CC528FD7FA3F19");

        assertThat(PgpWords.of(fingerprint)).isEqualTo("topmost Istanbul Pluto vagabond treadmill Pacific brackish "
                + "dictator goldfish Medusa afflict bravado chatter revolver Dupont midsummer stopwatch whimsical "
                + "cowbell bottomless");
    }

    @Test
    void evenAndOddPositions_useTheirOwnLists() {
        assertThat(PgpWords.ofHex("0000")).isEqualTo("aardvark adroitness");
        assertThat(PgpWords.ofHex("ffff")).isEqualTo("Zulu Yucatan");
    }

    @Test
    void hexAndWords_wrapWithinTheWidth() {
        String sha = "ab".repeat(32);

        assertThat(Fingerprints.hexLines(sha, 76)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76))
                .first().asString().startsWith("abab abab");
        assertThat(String.join(" ", Fingerprints.wordLines(sha, 40)).split(" ")).hasSize(32);
        assertThat(Fingerprints.hexLines(sha, 76)).hasSize(2);
        assertThat(Fingerprints.wordLines(sha, 76)).hasSize(4);
    }
}
