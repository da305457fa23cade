package dev.ceremony.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a person is asked to confirm, as labelled values under a heading: the certificate about to
 * be signed, the CRL about to be issued, the key about to be generated. The screen, the batch
 * output, the audit log and the transcript all show these same lines, so that the signed paper
 * and the screen agree. Values are wrapped, never cut.
 */
public record Facts(String heading, List<Fact> facts) {

    /** Widest label column; a longer label stands on a line of its own, its value under it. */
    public static final int MAX_LABEL = 22;

    /** Narrowest line the facts are laid out in. */
    public static final int MIN_WIDTH = 40;

    /** One labelled value; the label may be empty for a value continuing the one before. */
    public record Fact(String label, String value) {
        public Fact {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    public Facts {
        Objects.requireNonNull(heading, "heading");
        facts = List.copyOf(facts);
    }

    /** Nothing to show beyond the step's instruction. */
    public static Facts none() {
        return new Facts("", List.of());
    }

    public boolean isEmpty() {
        return heading.isEmpty() && facts.isEmpty();
    }

    /** A builder's start: a heading, then {@link #with} for each fact. */
    public static Facts of(String heading) {
        return new Facts(heading, List.of());
    }

    /** These facts and one more. */
    public Facts with(String label, String value) {
        List<Fact> more = new ArrayList<>(facts);
        more.add(new Fact(label, value));
        return new Facts(heading, more);
    }

    /** These facts and each of {@code values} under one label (the label on the first only; "none" when empty). */
    public Facts withEach(String label, List<String> values) {
        if (values.isEmpty()) {
            return with(label, "none");
        }
        List<Fact> more = new ArrayList<>(facts.size() + values.size());
        more.addAll(facts);
        for (int i = 0; i < values.size(); i++) {
            more.add(new Fact(i == 0 ? label : "", values.get(i)));
        }
        return new Facts(heading, more);
    }

    /**
     * A heading and one fact per entry of {@code values}, in their order: a list value one line per
     * element, anything else as its text.
     */
    public static Facts of(String heading, Map<String, ?> values) {
        Facts facts = of(heading);
        for (Map.Entry<String, ?> value : values.entrySet()) {
            facts = value.getValue() instanceof List<?> list
                    ? facts.withEach(value.getKey(), list.stream().map(String::valueOf).toList())
                    : facts.with(value.getKey(), String.valueOf(value.getValue()));
        }
        return facts;
    }

    /** The facts as a record carries them: {@code [label, value]} pairs, in order. */
    public List<List<String>> pairs() {
        return facts.stream().map(fact -> List.of(fact.label(), fact.value())).toList();
    }

    /** Facts read back from a record: its heading and its {@link #pairs()}; anything else in the list is skipped. */
    public static Facts fromPairs(Object heading, Object pairs) {
        List<Fact> read = new ArrayList<>();
        if (pairs instanceof List<?> list) {
            for (Object pair : list) {
                if (pair instanceof List<?> two && two.size() == 2) {
                    read.add(new Fact(String.valueOf(two.get(0)), String.valueOf(two.get(1))));
                }
            }
        }
        return new Facts(heading == null ? "" : String.valueOf(heading), read);
    }

    /**
     * The heading, then one line per fact: the label in its column and the value wrapped beside it
     * (a value too long for a line continues under itself). Outside text is escaped.
     */
    public List<String> lines(int width) {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("facts need at least " + MIN_WIDTH + " columns");
        }
        List<String> lines = new ArrayList<>();
        if (!heading.isEmpty()) {
            lines.addAll(Wrap.lines(Printable.escape(heading), width, "  "));
        }
        int column = Math.min(MAX_LABEL, 2 + facts.stream().mapToInt(f -> f.label().length()).max().orElse(0));
        String indent = " ".repeat(column);
        for (Fact fact : facts) {
            String label = Printable.escape(fact.label());
            if (label.length() > column - 2) {
                lines.addAll(Wrap.lines(label, width, "  "));
                label = "";
            }
            lines.addAll(Wrap.lines(String.format("%-" + column + "s", label) + Printable.escape(fact.value()), width,
                    indent));
        }
        return lines;
    }
}
