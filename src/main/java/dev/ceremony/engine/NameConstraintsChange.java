package dev.ceremony.engine;

import dev.ceremony.pki.NameConstraintsSpec;
import dev.ceremony.text.Facts;
import dev.ceremony.text.Wrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new generation of an intermediate does with the name constraints of the generation it
 * replaces: it keeps them, unless the script's parameters set others (or none), and then officers
 * see the old and the new side by side before they confirm.
 *
 * @param replaced the records name of the generation replaced, e.g. {@code server-ca}
 * @param replacement the records name of the new generation, e.g. {@code server-ca-2}
 * @param before the replaced generation's constraints; empty when it has none
 * @param after the new generation's constraints; empty when it gets none
 */
public record NameConstraintsChange(String replaced, String replacement, Optional<NameConstraintsSpec> before,
        Optional<NameConstraintsSpec> after) {

    public NameConstraintsChange {
        Objects.requireNonNull(replaced, "replaced");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** Whether the new generation's constraints differ from the replaced one's. */
    public boolean changed() {
        return !before.equals(after);
    }

    /**
     * The change as lines of at most {@code width}: one sentence when the constraints are carried
     * over, else a heading and two columns, the replaced generation's on the left.
     */
    public List<String> lines(int width) {
        if (!changed()) {
            return Wrap.lines("name constraints: carried over unchanged from " + replaced + ": " + describe(before),
                    width, "  ");
        }
        List<String> lines = new ArrayList<>(Wrap.lines("name constraints CHANGED by the script's parameters ("
                + replaced + " is replaced by " + replacement + "):", width, "  "));
        int column = (width - 5) / 2;
        List<String> left = Wrap.lines(replaced + " (now): " + describe(before), column, "");
        List<String> right = Wrap.lines(replacement + " (new): " + describe(after), column, "");
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String l = i < left.size() ? left.get(i) : "";
            String r = i < right.size() ? right.get(i) : "";
            lines.add(("  " + l + " ".repeat(column - l.length()) + " | " + r).stripTrailing());
        }
        return lines;
    }

    /**
     * {@code facts} and the change as a confirmation shows it: whether the constraints are carried
     * over or changed, then the replaced generation's and the new one's, each whole.
     */
    public Facts addTo(Facts facts) {
        return facts.with("name constr. change", changed() ? "CHANGED by the script's parameters" : "none: carried "
                + "over unchanged from " + replaced)
                .with(replaced + " (now)", describe(before))
                .with(replacement + " (new)", describe(after));
    }

    private static String describe(Optional<NameConstraintsSpec> constraints) {
        return constraints.map(NameConstraintsSpec::describe).orElse("none, any name");
    }
}
