package dev.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogComparisonTest {

    /** 3,000 lines of 100 bytes: the comparison crosses several of its buffers. */
    private static final byte[] LOG = log(3000);

    private static byte[] log(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(String.format("{\"seq\":%08d,\"line\":\"%s\"}%n", i, "x".repeat(73)));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static LogComparison compare(byte[] log, byte[] copy) {
        return LogComparison.of(new ByteArrayInputStream(log), new ByteArrayInputStream(copy));
    }

    @Test
    void aCopyIsIdentical_lagging_longer_orDifferentFromALine() {
        assertThat(compare(LOG, LOG.clone()).difference()).isEmpty();

        LogComparison lagging = compare(LOG, Arrays.copyOf(LOG, 2000 * 100 + 42));
        assertThat(lagging.isPrefix()).isTrue();
        assertThat(lagging.difference()).contains("lags behind the log (it ends after 2000 complete records); the next "
                + "ceremony completes it");

        LogComparison longer = compare(Arrays.copyOf(LOG, 1000 * 100), LOG);
        assertThat(longer.isPrefix()).isFalse();
        assertThat(longer.difference().orElseThrow()).startsWith("holds more than the log");

        byte[] changed = LOG.clone();
        changed[2500 * 100 + 30] ^= 1;
        LogComparison different = compare(LOG, changed);
        assertThat(different.isPrefix()).isFalse();
        assertThat(different.difference()).contains("differs from the log at line 2501");

        assertThat(compare(LOG, new byte[0]).difference()).contains("lags behind the log (it ends after 0 complete "
                + "records); the next ceremony completes it");
    }
}
