package dev.ceremony.yaml;

import dev.ceremony.config.ConfigException;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.ExtendedKeyUsage;
import dev.ceremony.pki.KeyUsageBit;
import dev.ceremony.pki.ProfileKind;
import dev.ceremony.pki.SanSource;
import dev.ceremony.pki.SubjectSource;
import dev.ceremony.text.KebabCase;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reads a certificate profile from {@code ceremony-scripts/profiles/<name>.yaml}. */
public final class ProfileReader {

    private final StrictYaml yaml;

    public ProfileReader(StrictYaml yaml) {
        this.yaml = yaml;
    }

    public CertificateProfile read(Path file) {
        Path source = file.toAbsolutePath().normalize();
        YamlMapping root = yaml.read(source).allowOnly("name", "description", "kind", "validity", "subject",
                "subject-alternative-names", "wildcards", "basic-constraints", "key-usage", "key-usage-rsa",
                "extended-key-usage", "name-constraints-allowed", "crl-distribution-points",
                "authority-information-access", "certificate-policies", "renewal", "allow-loopback-ip");
        String name = root.stringNamingFile("name", "profile");
        YamlMapping validity = root.mapping("validity").allowOnly("default-days", "max-days");
        YamlMapping constraints = root.mapping("basic-constraints").allowOnly("critical", "path-length");
        Optional<YamlMapping> aia = root.optional("authority-information-access").map(YamlNode::asMapping);
        aia.ifPresent(m -> m.allowOnly("ca-issuers", "ocsp"));
        Set<KeyUsageBit> keyUsage = enumSet(root.sequence("key-usage"), KeyUsageBit.class);
        try {
            return new CertificateProfile(
                    name,
                    root.string("description"),
                    root.string("kind", text -> KebabCase.parse(ProfileKind.class, text)),
                    validity.integer("default-days"),
                    validity.integer("max-days"),
                    root.string("subject", text -> KebabCase.parse(SubjectSource.class, text)),
                    root.string("subject-alternative-names", text -> KebabCase.parse(SanSource.class, text)),
                    optionalBool(root, "wildcards"),
                    constraints.bool("critical"),
                    constraints.optional("path-length").map(node -> node.asScalar().asInt()),
                    keyUsage,
                    root.optional("key-usage-rsa").map(node -> enumSet(node.asSequence(), KeyUsageBit.class))
                            .orElse(keyUsage),
                    list(root.optional("extended-key-usage"),
                            text -> KebabCase.parse(ExtendedKeyUsage.class, text)),
                    optionalBool(root, "name-constraints-allowed"),
                    list(root.optional("crl-distribution-points"), ProfileReader::uri),
                    list(aia.flatMap(m -> m.optional("ca-issuers")), ProfileReader::uri),
                    list(aia.flatMap(m -> m.optional("ocsp")), ProfileReader::uri),
                    list(root.optional("certificate-policies"), Function.identity()),
                    optionalBool(root, "renewal"),
                    optionalBool(root, "allow-loopback-ip"));
        } catch (IllegalArgumentException e) {
            throw located(root, e.getMessage());
        }
    }

    /**
     * A profile's own check names its field first ({@code validity: need ...}); the error is put at
     * that field's line and path when the file has it, else at the document.
     */
    private static ConfigException located(YamlMapping root, String message) {
        int colon = message.indexOf(": ");
        if (colon > 0) {
            YamlNode node = root;
            for (String key : message.substring(0, colon).split("\\.", -1)) {
                Optional<YamlNode> child = node instanceof YamlMapping mapping ? mapping.optional(key) : Optional.empty();
                if (child.isEmpty()) {
                    return root.error(message);
                }
                node = child.get();
            }
            return node.error(message.substring(colon + 2));
        }
        return root.error(message);
    }

    private static boolean optionalBool(YamlMapping mapping, String key) {
        return mapping.optional(key).map(node -> node.asScalar().asBoolean()).orElse(false);
    }

    private static <E extends Enum<E>> Set<E> enumSet(YamlSequence list, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (YamlNode item : list.items()) {
            if (!values.add(item.asScalar().as(text -> KebabCase.parse(type, text)))) {
                throw item.error("listed twice");
            }
        }
        return values;
    }

    private static <T> List<T> list(Optional<YamlNode> node, Function<String, T> convert) {
        List<T> values = new ArrayList<>();
        if (node.isPresent()) {
            for (YamlNode item : node.get().asSequence().items()) {
                T value = item.asScalar().as(convert);
                if (values.contains(value)) {
                    throw item.error("listed twice");
                }
                values.add(value);
            }
        }
        return values;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
    }
}
