package dev.ceremony.yaml;

import java.nio.file.Path;
import java.util.List;

/** A YAML list. */
public record YamlSequence(Path file, String path, int line, List<YamlNode> items) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
