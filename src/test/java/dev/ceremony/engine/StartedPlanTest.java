package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A ceremony's first record read as what a resume is held to; a record it cannot read is named. */
class StartedPlanTest {

    private static final String PLAN = "57dd02d4fa2a5c73ec2ef56dd3c2fe26a267da6982b5ebf76624ec9d78561e68";

    private static Map<String, Object> start() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("script", "sign-csrs");
        data.put("script-sha256", "bd7cec8b5a594e3ee36631d059504381c47d9c4d55658685d2325f0b713127bc");
        data.put("plan-sha256", PLAN);
        data.put("approved-plan", false);
        data.put("mode", "batch");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("profile", "mqtt-server");
        parameters.put("issuer", "server-ca");
        data.put("parameters", parameters);
        return data;
    }

    private static AuditEntry entry(Map<String, Object> data) {
        return new AuditEntry(264, AuditEntry.GENESIS, "2026-12-05T19:55:45.747Z", "sign-csrs-20261205T195545Z",
                AuditTypes.CEREMONY_START, data, Optional.empty());
    }

    @Test
    void aStartOfAnEarlierVersion_hasNoPlanFormat() {
        StartedPlan started = StartedPlan.of(entry(start()));
        assertThat(started.planFormat()).isEmpty();
        assertThat(started.planSha256().hex()).isEqualTo(PLAN);
        assertThat(started.parameters()).containsExactly(Map.entry("profile", "mqtt-server"),
                Map.entry("issuer", "server-ca"));
    }

    @Test
    void aStartOfThisVersion_hasItsPlanFormat() {
        Map<String, Object> data = start();
        data.put("plan-format", (long) PlanWriter.FORMAT);
        assertThat(StartedPlan.of(entry(data)).planFormat()).contains(PlanWriter.FORMAT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "parameters    |                | it has no parameters field",
        "plan-sha256   | ABC            | plan-sha256 is not 64 lower-case hex digits",
        "script-sha256 | 123            | script-sha256 is not 64 lower-case hex digits",
        "plan-format   | two            | plan-format is not a positive whole number",
        "script        |                | has no text field 'script'"})
    void aStartItCannotRead_isNamedWithTheField(String field, String value, String message) {
        Map<String, Object> data = start();
        if (value == null) {
            data.remove(field);
        } else {
            data.put(field, value);
        }
        assertThatThrownBy(() -> StartedPlan.of(entry(data))).isInstanceOf(StepRefused.class)
                .hasMessageContaining("the audit log's record 264 (the ceremony-start record of ceremony "
                        + "sign-csrs-20261205T195545Z)").hasMessageContaining(message)
                .hasMessageContaining("only aborted");
    }
}
