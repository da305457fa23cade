package dev.ceremony.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.ceremony.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads a YAML file that people review and sign off: one document whose root is a mapping,
 * UTF-8, no duplicate keys, and no anchors, aliases or tags. Jackson alone would keep the last of
 * two duplicate keys and expand aliases silently; here each of these is an error with its line.
 *
 * <p>Two passes: SnakeYAML's event stream (which Jackson is built on, and which shows anchors
 * and explicit tags that Jackson's parser does not report) refuses the constructs, then Jackson's
 * token stream builds the node tree.
 */
public final class StrictYaml {

    /** Largest file accepted; configs, profiles and scripts are a few KiB. */
    public static final int MAX_BYTES = 256 * 1024;

    /** Deepest nesting of mappings and sequences accepted; the shipped files need four. */
    public static final int MAX_DEPTH = 32;

    private final YAMLFactory factory = YAMLFactory.builder().build();

    /** Parses {@code file}; every problem is a {@link ConfigException} naming the file and line. */
    public YamlMapping read(Path file) {
        return parse(file, bytes(file));
    }

    /** Reads {@code file}'s bytes once, within the size limit, so a caller can hash what it parses. */
    public byte[] bytes(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(file);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", 0, "the file does not exist");
        } catch (IOException e) {
            throw new ConfigException(file, "", 0, "the file cannot be read: " + e.getMessage());
        }
    }

    private static ConfigException tooLarge(Path file) {
        return new ConfigException(file, "", 0, "the file is larger than " + MAX_BYTES / 1024 + " KiB");
    }

    /** Parses bytes read from {@code file} (strict UTF-8). */
    public YamlMapping parse(Path file, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file);
        }
        return parse(file, utf8(file, bytes));
    }

    /** Parses text that came from {@code file} (used for files already in memory, and by tests). */
    public YamlMapping parse(Path file, String text) {
        refuseAnchorsAliasesAndTags(file, text);
        try (YAMLParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(file, "", 0, "the file is empty");
            }
            YamlNode root = new Reader(file, parser).value(first, "", 0);
            if (parser.nextToken() != null) {
                throw new ConfigException(file, "", line(parser), "only one YAML document is allowed; remove the '---' "
                        + "and what follows");
            }
            return root.asMapping();
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new ConfigException(file, "", where == null ? 0 : where.getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file, "", 0, "cannot be parsed: " + e.getMessage());
        }
    }

    private static void refuseAnchorsAliasesAndTags(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                int line = event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
                if (event instanceof AliasEvent alias) {
                    throw new ConfigException(file, "", line, "YAML aliases (*" + alias.getAnchor()
                            + ") are not allowed: write the value out, so that what is reviewed is what is used");
                }
                if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    throw new ConfigException(file, "", line, "YAML anchors (&" + node.getAnchor()
                            + ") are not allowed: write each value out where it is used");
                }
                String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                        : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
                if (tag != null) {
                    throw new ConfigException(file, "", line, "YAML tags (" + tag + ") are not allowed");
                }
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(file, "", line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file, "", 0, "not valid YAML: " + e.getMessage());
        } catch (RuntimeException e) {
            // SnakeYAML lets some malformed escapes through as NumberFormatException (found by fuzzing).
            throw new ConfigException(file, "", 0, "not valid YAML: " + e.getMessage());
        }
    }

    private static String utf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, "", 0, "the file is not valid UTF-8");
        }
    }

    private static int line(YAMLParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /** Builds the node tree from the token stream, refusing what a reviewed file must not contain. */
    private static final class Reader {
        private final Path file;
        private final YAMLParser parser;

        Reader(Path file, YAMLParser parser) {
            this.file = file;
            this.parser = parser;
        }

        YamlNode value(JsonToken token, String path, int depth) throws IOException {
            int line = line(parser);
            if (depth > MAX_DEPTH) {
                // Refused here, before the parser's own limit, which would name its internals and no place.
                throw new ConfigException(file, path, line, "nested more than " + MAX_DEPTH
                        + " levels deep; a ceremony file needs a few levels, so this one is not what was reviewed");
            }
            if (token.isScalarValue() && parser.getText().isEmpty()) {
                throw new ConfigException(file, path, line,
                        "has no value; give one, or remove the field if it is optional");
            }
            return switch (token) {
                case START_OBJECT -> mapping(path, line, depth);
                case START_ARRAY -> sequence(path, line, depth);
                case VALUE_STRING -> new YamlScalar(file, path, line, parser.getText(), YamlScalar.Type.STRING);
                case VALUE_NUMBER_INT -> new YamlScalar(file, path, line, parser.getText(), YamlScalar.Type.INTEGER);
                case VALUE_NUMBER_FLOAT -> new YamlScalar(file, path, line, parser.getText(), YamlScalar.Type.FLOAT);
                case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(file, path, line, parser.getText(), YamlScalar.Type.BOOLEAN);
                case VALUE_NULL -> throw new ConfigException(file, path, line,
                        "has no value; give one, or remove the field if it is optional");
                default -> throw new ConfigException(file, path, line, "unexpected YAML token " + token);
            };
        }

        private YamlMapping mapping(String path, int line, int depth) throws IOException {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String key = parser.currentName();
                String childPath = path.isEmpty() ? key : path + "." + key;
                int keyLine = line(parser);
                Integer first = keyLines.putIfAbsent(key, keyLine);
                if (first != null) {
                    throw new ConfigException(file, childPath, keyLine, "duplicate key '" + key
                            + "' (first given on line " + first + "); each key may appear once");
                }
                entries.put(key, value(parser.nextToken(), childPath, depth + 1));
            }
            return new YamlMapping(file, path, line, entries);
        }

        private YamlSequence sequence(String path, int line, int depth) throws IOException {
            List<YamlNode> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                items.add(value(token, path + "[" + items.size() + "]", depth + 1));
            }
            return new YamlSequence(file, path, line, items);
        }
    }
}
