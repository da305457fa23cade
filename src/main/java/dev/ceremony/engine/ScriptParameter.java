package dev.ceremony.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A typed parameter of a ceremony script, with an optional default that fits its type. */
public record ScriptParameter(String name, ParameterType type, String description, Optional<String> defaultValue,
        List<String> choices) {

    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ScriptParameter {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name
                    + "' must be lower-case letters, digits and inner hyphens");
        }
        if ((type == ParameterType.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "': "
                    + (choices.isEmpty() ? "a choice needs its choices listed" : "only a choice lists choices"));
        }
        if (choices.stream().distinct().count() != choices.size()) {
            throw new IllegalArgumentException("parameter '" + name + "' lists a choice twice");
        }
        try {
            if (defaultValue.isPresent()) {
                type.check(defaultValue.get(), choices);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': the default " + e.getMessage(), e);
        }
    }

    /** Checks a value given for this parameter; the message names the parameter. */
    public String accept(String value) {
        try {
            type.check(value, choices);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }
}
