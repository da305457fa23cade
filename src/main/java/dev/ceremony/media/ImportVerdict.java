package dev.ceremony.media;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one entry of an import medium: copied into quarantine (with its SHA-256 and
 * where the copy is), or refused with a rule id and a reason a person understands.
 *
 * @param name the entry's name on the medium, escaped for display
 */
public record ImportVerdict(String name, Optional<String> sha256, Optional<String> quarantined, Optional<String> rule,
        Optional<String> reason) {

    public ImportVerdict {
        Objects.requireNonNull(name, "name");
        if (quarantined.isPresent() == rule.isPresent()) {
            throw new IllegalArgumentException("a verdict either imports or refuses");
        }
    }

    public static ImportVerdict imported(String name, String sha256, String quarantined) {
        return new ImportVerdict(name, Optional.of(sha256), Optional.of(quarantined), Optional.empty(), Optional.empty());
    }

    public static ImportVerdict refused(String name, String rule, String reason) {
        return new ImportVerdict(name, Optional.empty(), Optional.empty(), Optional.of(rule), Optional.of(reason));
    }

    public boolean accepted() {
        return quarantined.isPresent();
    }
}
