package dev.ceremony.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class DigestIndexTest {

    @Property(tries = 50)
    void everyKeyKeepsTheNumberItGotFirst(@ForAll @Size(max = 3000) List<String> keys) {
        DigestIndex index = new DigestIndex();
        Map<String, Integer> numbers = new HashMap<>();
        for (String key : keys) {
            int number = index.add(DigestIndex.digest(key));
            Integer first = numbers.putIfAbsent(key, number);
            assertThat(number).isEqualTo(first == null ? numbers.size() - 1 : first);
        }
        assertThat(index.size()).isEqualTo(numbers.size());
        numbers.forEach((key, number) -> assertThat(index.find(DigestIndex.digest(key))).isEqualTo(number));
        assertThat(index.contains(DigestIndex.digest("not-a-key-" + keys.size()))).isEqualTo(
                numbers.containsKey("not-a-key-" + keys.size()));
    }

    @org.junit.jupiter.api.Test
    void theDigestZeroIsNeverStoredAsIs() {
        assertThatThrownBy(() -> new DigestIndex().add(0L)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DigestIndex().addNew(5L)).isTrue();
    }
}
