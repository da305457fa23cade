package dev.ceremony.engine;

import dev.ceremony.text.Printable;
import java.util.List;

/** The closed set of types a script parameter can have; each checks a value given as text. */
public enum ParameterType {
    TEXT,
    WHOLE_NUMBER,
    BOOLEAN,
    CHOICE;

    /**
     * Checks {@code value} for this type.
     *
     * @throws IllegalArgumentException saying what is wrong with the value
     */
    public void check(String value, List<String> choices) {
        switch (this) {
            case TEXT -> ArgumentKind.TEXT.check(value);
            case WHOLE_NUMBER -> ArgumentKind.WHOLE_NUMBER.check(value);
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("'" + Printable.escape(value) + "' is not true or false");
                }
            }
            case CHOICE -> {
                if (!choices.contains(value)) {
                    throw new IllegalArgumentException("'" + Printable.escape(value) + "' is not one of "
                            + String.join(", ", choices));
                }
            }
        }
    }
}
