package dev.ceremony.yaml;

import dev.ceremony.text.KebabCase;
import dev.ceremony.token.KeyAttribute;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyStorage;
import dev.ceremony.token.KeyTemplate;
import dev.ceremony.token.TokenFamily;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads an hsm-config file: one token family's library, limits and key-generation templates. */
public final class TokenFamilyReader {

    private final StrictYaml yaml;

    public TokenFamilyReader(StrictYaml yaml) {
        this.yaml = yaml;
    }

    public TokenFamily read(Path file) {
        Path source = file.toAbsolutePath().normalize();
        YamlMapping root = yaml.read(source).allowOnly("family", "description", "library", "library-source",
                "tested", "key-storage", "key-types", "pin", "templates");
        YamlMapping pin = root.mapping("pin").allowOnly("min-length", "max-length");
        int min = pin.integer("min-length");
        int max = pin.integer("max-length");
        if (min < 1 || max < min) {
            throw pin.error("min-length must be at least 1 and at most max-length (" + min + ".." + max + ")");
        }
        YamlMapping templates = root.mapping("templates").allowOnly("private-key", "public-key");
        Path library = root.string("library", ApplianceConfigReader::path);
        if (!library.isAbsolute()) {
            throw root.required("library").error("the library path must be absolute");
        }
        return new TokenFamily(
                root.string("family", TokenFamilyReader::familyName),
                root.string("description"),
                source,
                library,
                root.string("library-source"),
                root.bool("tested"),
                keySpecs(root.sequence("key-types")),
                root.string("key-storage", text -> KebabCase.parse(KeyStorage.class, text)),
                min,
                max,
                template(templates.mapping("private-key"), KeyTemplate::forPrivateKey),
                template(templates.mapping("public-key"), KeyTemplate::forPublicKey));
    }

    private static Set<KeySpec> keySpecs(YamlSequence list) {
        if (list.items().isEmpty()) {
            throw list.error("list at least one key type: " + KeySpec.displayNames());
        }
        Set<KeySpec> specs = EnumSet.noneOf(KeySpec.class);
        for (YamlNode item : list.items()) {
            if (!specs.add(item.asScalar().as(KeySpec::parse))) {
                throw item.error("key type listed twice");
            }
        }
        return specs;
    }

    private static KeyTemplate template(YamlMapping node, Function<Map<KeyAttribute, Boolean>, KeyTemplate> build) {
        Map<KeyAttribute, Boolean> values = new EnumMap<>(KeyAttribute.class);
        for (String key : node.keys()) {
            YamlNode value = node.required(key);
            KeyAttribute attribute;
            try {
                attribute = KeyAttribute.parse(key);
            } catch (IllegalArgumentException e) {
                throw value.error(e.getMessage() + "; known attributes: " + java.util.Arrays.stream(KeyAttribute.values())
                        .map(KeyAttribute::pkcs11Name).collect(java.util.stream.Collectors.joining(", ")));
            }
            values.put(attribute, value.asScalar().asBoolean());
        }
        try {
            return build.apply(values);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static String familyName(String text) {
        if (!text.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("'" + text + "' is not a family name: lower-case letters, digits "
                    + "and '-', at most 32");
        }
        return text;
    }
}
