package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A share-pin step's custodians and threshold are checked together when the parameters are given
 * (so the plan, and the run before its preflight, refuse them), never first at the hand-out.
 */
class SharePinArgumentsTest {

    private static final Path SCRIPTS = Path.of(System.getProperty("ceremony.project.dir", "."))
            .resolve("ceremony-scripts");

    private final ScriptReader reader = new ScriptReader(new StrictYaml());

    private ResolvedScript setup(String custodians, String threshold, String soCustodians, String soThreshold) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("custodians", custodians);
        values.put("threshold", threshold);
        values.put("so-custodians", soCustodians);
        values.put("so-threshold", soThreshold);
        return ResolvedScript.of(reader.read(SCRIPTS.resolve("quorum-setup.yaml")), values);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "Ann, ann          | 2 | step 'share-user-pin', argument 'custodians': custodians 'Ann' and 'ann' are the same name",
        "Ann Lee, ANN  LEE, Bob | 2 | custodians 'Ann Lee' and 'ANN  LEE' are the same name (case and spacing aside)",
        "Zo\u00eb, Zoe\u0308     | 2 | custodians 'Zo\u00eb' and 'Zoe\u0308' are the same name (case and spacing aside)",
        "Ann\u00a0Lee, Ann Lee | 2 | custodians 'Ann\u00a0Lee' and 'Ann Lee' are the same name",
        "\uff21nn, ann        | 2 | custodians '\uff21nn' and 'ann' are the same name",
        "Ann, Bob          | 3 | step 'share-user-pin': a quorum needs 2 <= M <= N <= 16",
        "Ann, Bob          | 1 | the step names 2 custodians (Ann, Bob) and a threshold of 1. Give a threshold from 2 to 2",
        "Ann               | 2 | a quorum has 2 to 16 custodians, comma-separated; 'Ann' names 1",
    })
    void custodiansAndThresholdsNoQuorumCanHave_areRefusedWhenTheParametersAreGiven(String custodians,
            String threshold, String message) {
        assertThatThrownBy(() -> setup(custodians, threshold, "Sam, Sue", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void seventeenCustodians_orAnSoThresholdAboveTheSoCustodians_areRefused() {
        String seventeen = IntStream.rangeClosed(1, 17).mapToObj(i -> "Custodian " + i)
                .collect(Collectors.joining(", "));
        assertThatThrownBy(() -> setup(seventeen, "2", "Sam, Sue", "2"))
                .hasMessageContaining("a quorum has 2 to 16 custodians").hasMessageContaining("names 17");
        assertThatThrownBy(() -> setup("Ann, Bob", "2", "Sam, Sue", "3"))
                .hasMessageContaining("step 'share-so-pin': a quorum needs 2 <= M <= N <= 16");
    }

    @Test
    void sixteenDistinctCustodians_withAThresholdOfSixteen_areAQuorum() {
        String sixteen = IntStream.rangeClosed(1, 16).mapToObj(i -> "Custodian " + i)
                .collect(Collectors.joining(", "));
        ResolvedScript resolved = setup(sixteen, "16", "Sam, Sue", "2");
        SharePinArguments user = SharePinArguments.of(resolved.script().steps().get(1).arguments());
        assertThat(user.custodians()).hasSize(16).first().isEqualTo("Custodian 1");
        assertThat(user.threshold()).isEqualTo(16);
    }
}
