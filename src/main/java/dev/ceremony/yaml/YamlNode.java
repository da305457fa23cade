package dev.ceremony.yaml;

import dev.ceremony.config.ConfigException;
import java.nio.file.Path;

/** A node of a strictly parsed YAML document, which knows its file, YAML path and line for messages. */
public sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {

    Path file();

    /** Dotted path from the document root, e.g. {@code token.label} or {@code key-types[1]}. */
    String path();

    /** 1-based line where the node starts. */
    int line();

    /** What this node is, for messages: "a mapping", "a list", "a text value". */
    String kind();

    /** An error located at this node. */
    default ConfigException error(String problem) {
        return new ConfigException(file(), path(), line(), problem);
    }

    default YamlMapping asMapping() {
        if (this instanceof YamlMapping mapping) {
            return mapping;
        }
        throw error("expected a mapping (key: value lines), found " + kind());
    }

    default YamlSequence asSequence() {
        if (this instanceof YamlSequence sequence) {
            return sequence;
        }
        throw error("expected a list, found " + kind());
    }

    default YamlScalar asScalar() {
        if (this instanceof YamlScalar scalar) {
            return scalar;
        }
        throw error("expected a single value, found " + kind());
    }
}
