package dev.ceremony.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON dialect of the audit log, written and read without a library so the core stays
 * free of one. Values are strings, whole numbers (long), booleans, lists and objects (ordered).
 * Output is canonical: no white space, keys in insertion order, only the escapes JSON requires
 * plus \\u escapes for all other control characters and for U+2028/U+2029. A line is accepted
 * only if writing its parsed value back gives the same bytes, so no byte can change unseen.
 */
public final class Json {

    private Json() {
    }

    /** Writes a value canonically. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Boolean flag) {
            out.append(flag);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string((String) entry.getKey(), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("the audit log cannot hold a " + (value == null ? "null" : value.getClass()));
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Parses one value; anything malformed or trailing is an IllegalArgumentException with the offset. */
    public static Object parse(String text) {
        Parser parser = new Parser(text);
        Object value = parser.value();
        if (parser.position != text.length()) {
            throw new IllegalArgumentException("unexpected text at offset " + parser.position);
        }
        return value;
    }

    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            if (position >= text.length()) {
                throw error("the value is cut short");
            }
            char c = text.charAt(position);
            return switch (c) {
                case '{' -> object();
                case '[' -> list();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character");
                }
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            position++;
            if (peek() == '}') {
                position++;
                return map;
            }
            while (true) {
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String key = string();
                expect(':');
                if (map.put(key, value()) != null) {
                    throw error("duplicate key '" + key + "'");
                }
                char next = next();
                if (next == '}') {
                    return map;
                }
                if (next != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> list() {
            List<Object> list = new ArrayList<>();
            position++;
            if (peek() == ']') {
                position++;
                return list;
            }
            while (true) {
                list.add(value());
                char next = next();
                if (next == ']') {
                    return list;
                }
                if (next != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            position++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char escape = next();
                    switch (escape) {
                        case '"', '\\', '/' -> out.append(escape);
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            if (position + 4 > text.length()) {
                                throw error("a \\u escape is cut short");
                            }
                            try {
                                out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                            } catch (NumberFormatException e) {
                                throw error("a \\u escape is not hex");
                            }
                            position += 4;
                        }
                        default -> throw error("unknown escape");
                    }
                } else if (c < 0x20) {
                    throw error("a control character inside a string");
                } else {
                    out.append(c);
                }
            }
        }

        private Long number() {
            int start = position;
            if (peek() == '-') {
                position++;
            }
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            try {
                return Long.parseLong(text.substring(start, position));
            } catch (NumberFormatException e) {
                throw error("not a whole number");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, position)) {
                throw error("unexpected word");
            }
            position += word.length();
            return value;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private char peek() {
            if (position >= text.length()) {
                throw error("the value is cut short");
            }
            return text.charAt(position);
        }

        private char next() {
            char c = peek();
            position++;
            return c;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + position);
        }
    }
}
