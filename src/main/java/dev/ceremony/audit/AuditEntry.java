package dev.ceremony.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One record of the audit log. Its line is, canonically,
 * {@code {"seq":N,"prev":"<sha256 of the previous line>","time":"…","ceremony":"…","type":"…",<data…>}},
 * and a seal adds {@code "sig"} last: the signature over the same line without it.
 */
public record AuditEntry(long seq, String prev, String time, String ceremony, String type, Map<String, Object> data,
        Optional<String> sig) {

    /** The prev of the very first record. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * How the canonical line of a record of {@code type} spells its type: text to look for in a
     * line before parsing it.
     */
    public static String typeField(String type) {
        return "\"type\":\"" + type + "\"";
    }

    private static final byte[] TYPE_KEY = "\"type\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CEREMONY_KEY = "\"ceremony\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The type of the record on a log line, read from its header without parsing the line (the log
     * scanners pass over megabyte lines of certificates this way), or null for a line without one.
     * The header's fields come first and hold no quoted text before the type, so the first
     * {@code "type":"} is the type's.
     */
    public static String typeOf(byte[] line, int from, int to) {
        return headerText(line, from, to, TYPE_KEY);
    }

    /** The ceremony of the record on a log line, read from its header as {@link #typeOf} does. */
    public static String ceremonyOf(byte[] line, int from, int to) {
        return headerText(line, from, to, CEREMONY_KEY);
    }

    private static String headerText(byte[] line, int from, int to, byte[] key) {
        int at = dev.ceremony.text.ByteSearch.indexOf(line, from, to, key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length;
        for (int end = start; end < to; end++) {
            if (line[end] == '"') {
                return new String(line, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (line[end] == '\\') {
                return null;
            }
        }
        return null;
    }

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final java.util.Set<String> RESERVED = java.util.Set.of("seq", "prev", "time", "ceremony", "type", "sig");

    public AuditEntry {
        if (seq < 0) {
            throw new IllegalArgumentException("seq is negative");
        }
        if (prev == null || !HASH.matcher(prev).matches()) {
            throw new IllegalArgumentException("prev is not a SHA-256 in lower-case hex");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(ceremony, "ceremony");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sig, "sig");
        for (String key : data.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is a reserved field of every audit record");
            }
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The canonical line, without the newline. */
    public String line() {
        Map<String, Object> fields = unsignedFields();
        sig.ifPresent(signature -> fields.put("sig", signature));
        return Json.write(fields);
    }

    /** The line a seal's signature covers: the canonical line without {@code sig}. */
    public String unsignedLine() {
        return Json.write(unsignedFields());
    }

    private Map<String, Object> unsignedFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("prev", prev);
        fields.put("time", time);
        fields.put("ceremony", ceremony);
        fields.put("type", type);
        fields.putAll(data);
        return fields;
    }

    /** Reads a line; the caller checks that {@link #line()} gives the same text back. */
    public static AuditEntry parse(String line) {
        Object value = Json.parse(line);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the record is not a JSON object");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = (String) entry.getKey();
            if (!RESERVED.contains(key)) {
                data.put(key, entry.getValue());
            }
        }
        return new AuditEntry(number(map, "seq"), text(map, "prev"), text(map, "time"), text(map, "ceremony"),
                text(map, "type"), data, Optional.ofNullable(map.get("sig")).map(sig -> {
                    if (!(sig instanceof String signature)) {
                        throw new IllegalArgumentException("sig is not text");
                    }
                    return signature;
                }));
    }

    /** A text field of the data, or an IllegalArgumentException naming it. */
    public String dataText(String field) {
        Object value = data.get(field);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("the " + type + " record has no text field '" + field + "'");
        }
        return text;
    }

    private static String text(Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not text");
        }
        return text;
    }

    private static long number(Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (!(value instanceof Long number)) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a number");
        }
        return number;
    }
}
