package dev.ceremony.yaml;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A single YAML value with its text exactly as written and the type YAML gave it. */
public record YamlScalar(Path file, String path, int line, String text, Type type) implements YamlNode {

    /** The type the YAML parser resolved for the plain or quoted value. */
    public enum Type {
        STRING, INTEGER, FLOAT, BOOLEAN
    }

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,8}");

    @Override
    public String kind() {
        return switch (type) {
            case STRING -> "the text '" + text + "'";
            case INTEGER, FLOAT -> "the number " + text;
            case BOOLEAN -> "the boolean " + text;
        };
    }

    /** The value as text, whatever YAML typed it as (so that {@code serial: 0042} keeps its zeros). */
    public String asText() {
        return text;
    }

    /** A {@code true} or {@code false}; YAML 1.1 words like {@code yes} or {@code on} are refused. */
    public boolean asBoolean() {
        if (type != Type.BOOLEAN || !("true".equals(text) || "false".equals(text))) {
            throw error("expected true or false, found " + kind());
        }
        return Boolean.parseBoolean(text);
    }

    /** A non-negative decimal integer as written (no octal, hex, signs or underscores). */
    public int asInt() {
        if (type != Type.INTEGER || !DECIMAL.matcher(text).matches()) {
            throw error("expected a whole number such as 365, found " + kind());
        }
        return Integer.parseInt(text);
    }

    /** Converts the text with a domain check; its IllegalArgumentException becomes a located error. */
    public <T> T as(Function<String, T> check) {
        try {
            return check.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }
}
