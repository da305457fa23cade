package dev.ceremony.yaml;

import dev.ceremony.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A YAML mapping with the accessors the config readers need. Every accessor fails with the YAML
 * path of the field it was asked for, so a reader never has to build messages by hand.
 */
public final class YamlMapping implements YamlNode {

    private final Path file;
    private final String path;
    private final int line;
    private final Map<String, YamlNode> entries;

    YamlMapping(Path file, String path, int line, Map<String, YamlNode> entries) {
        this.file = file;
        this.path = path;
        this.line = line;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public String kind() {
        return "a mapping";
    }

    /** The keys in document order. */
    public List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    /** Refuses any key not in {@code allowed}, naming the keys that are. */
    public YamlMapping allowOnly(String... allowed) {
        List<String> known = List.of(allowed);
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw entry.getValue().error("unknown field '" + entry.getKey() + "'"
                        + (path.isEmpty() ? "" : " in " + path) + "; allowed here: " + String.join(", ", known));
            }
        }
        return this;
    }

    public Optional<YamlNode> optional(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public YamlNode required(String key) {
        YamlNode node = entries.get(key);
        if (node == null) {
            throw new ConfigException(file, childPath(key), line, "required field is missing");
        }
        return node;
    }

    public String string(String key) {
        return required(key).asScalar().asText();
    }

    public Optional<String> optionalString(String key) {
        return optional(key).map(node -> node.asScalar().asText());
    }

    /** A required text value passed through a domain check whose message becomes a located error. */
    public <T> T string(String key, Function<String, T> check) {
        return required(key).asScalar().as(check);
    }

    public <T> Optional<T> optionalString(String key, Function<String, T> check) {
        return optional(key).map(node -> node.asScalar().as(check));
    }

    public YamlMapping mapping(String key) {
        return required(key).asMapping();
    }

    public YamlSequence sequence(String key) {
        return required(key).asSequence();
    }

    public boolean bool(String key) {
        return required(key).asScalar().asBoolean();
    }

    public int integer(String key) {
        return required(key).asScalar().asInt();
    }

    /**
     * The text of {@code key}, which must equal the file's name without {@code .yaml}, so that a
     * profile or script is found where its name says; {@code kind} names it in the message.
     */
    public String stringNamingFile(String key, String kind) {
        String value = string(key);
        if (!(value + ".yaml").equals(file.getFileName().toString())) {
            throw required(key).error("the " + kind + " '" + value + "' must live in a file named " + value + ".yaml");
        }
        return value;
    }

    /** The child path for a key, for messages about fields that are missing. */
    public String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
