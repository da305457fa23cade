package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.engine.PreflightFinding.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreflightChecksTest {

    private static final NetworkLink LOOPBACK = new NetworkLink("lo", true, true);
    private static final Instant BUILD = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final ClockCheck clock = new ClockCheck(BUILD, Duration.ofMinutes(2));

    @Test
    void network_passesWithOnlyLoopbackUp_evenWhenOtherInterfacesExistDown() {
        PreflightFinding finding = new NetworkCheck(false).check(List.of(LOOPBACK, new NetworkLink("eth0", false, false)));
        assertThat(finding.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(finding.detail()).contains("2 seen");
    }

    @Test
    void network_isRefusedWhileAnInterfaceIsUp_namingIt() {
        PreflightFinding finding = new NetworkCheck(false).check(List.of(LOOPBACK, new NetworkLink("eth0", true, false),
                new NetworkLink("wlan0", true, false)));
        assertThat(finding.refused()).isTrue();
        assertThat(finding.detail()).startsWith("interfaces up: eth0, wlan0.").contains("air-gapped only");
    }

    @Test
    void network_allowedByConfiguration_isOverridden_notPassed() {
        PreflightFinding finding = new NetworkCheck(true).check(List.of(LOOPBACK, new NetworkLink("eth0", true, false)));
        assertThat(finding.outcome()).isEqualTo(Outcome.OVERRIDDEN);
        assertThat(finding.detail()).contains("eth0").contains("preflight.allow-network");
    }

    @Test
    void network_anInterfaceNamedWithControlCharacters_isShownEscaped() {
        PreflightFinding finding = new NetworkCheck(false).check(List.of(new NetworkLink("ev\u001b[2Jil", true, false)));
        assertThat(finding.detail()).doesNotContain("\u001b").contains("\\u001B");
    }

    @Test
    void clock_withinTheDrift_passes() {
        PreflightFinding finding = clock.check(NOW, NOW.minusSeconds(90), Optional.of(NOW.minusSeconds(3600)));
        assertThat(finding.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(finding.detail()).contains("drift 90 s (at most 120 s)");
    }

    @Test
    void clock_tooFarFromTheWitnessedTime_eitherWay_isRefused() {
        assertThat(clock.check(NOW, NOW.minusSeconds(121), Optional.empty()).detail())
                .contains("by 121 s, more than the 120 s allowed");
        assertThat(clock.check(NOW, NOW.plusSeconds(600), Optional.empty()).refused()).isTrue();
    }

    @Test
    void clock_earlierThanTheBuild_orTheLastAuditRecord_isRefused_evenWhenTheWitnessAgrees() {
        Instant early = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(clock.check(early, early, Optional.empty()).detail())
                .contains("earlier than this software's build (2026-11-22T00:00:00Z)");
        PreflightFinding backwards = clock.check(NOW, NOW, Optional.of(NOW.plusSeconds(1)));
        assertThat(backwards.refused()).isTrue();
        assertThat(backwards.detail()).contains("earlier than the last audit record");
    }

    @Test
    void clock_aDriftThatIsNotPositive_isRefusedWhenTheCheckIsMade() {
        assertThatThrownBy(() -> new ClockCheck(BUILD, Duration.ZERO)).hasMessageContaining("must be positive");
    }
}
