package dev.ceremony.yaml;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.config.DnDefaults;
import dev.ceremony.config.IssuancePolicy;
import dev.ceremony.config.MediaSettings;
import dev.ceremony.config.PreflightSettings;
import dev.ceremony.config.TokenSettings;
import dev.ceremony.config.WarningWindows;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads {@code ceremony.yaml}. Relative paths are resolved against the directory of the file, so
 * a configuration and the hsm-config files beside it can be moved together.
 */
public final class ApplianceConfigReader {

    private final StrictYaml yaml;

    public ApplianceConfigReader(StrictYaml yaml) {
        this.yaml = yaml;
    }

    public ApplianceConfig read(Path file) {
        Path source = file.toAbsolutePath().normalize();
        YamlMapping root = yaml.read(source).allowOnly("dn-defaults", "token", "records", "warnings", "media", "scripts",
                "policy", "preflight");
        Path base = source.getParent();
        YamlMapping records = root.mapping("records").allowOnly("directory", "audit-log", "mirror");
        Path directory = base.resolve(records.string("directory", ApplianceConfigReader::path)).normalize();
        Path auditLog = directory.resolve(records.optionalString("audit-log", ApplianceConfigReader::path)
                .orElse(Path.of(ApplianceConfig.DEFAULT_AUDIT_LOG))).normalize();
        java.util.Optional<Path> mirror = records.optionalString("mirror", ApplianceConfigReader::path)
                .map(path -> base.resolve(path).normalize());
        if (mirror.isPresent() && mirror.get().equals(directory)) {
            throw records.required("mirror").error("the mirror must be another directory than records.directory");
        }
        return new ApplianceConfig(source, dnDefaults(root.mapping("dn-defaults")), token(root.mapping("token"), base),
                directory, auditLog, mirror, root.optional("warnings").map(node -> warnings(node.asMapping()))
                        .orElse(WarningWindows.DEFAULT),
                root.optional("media").map(node -> media(node.asMapping(), base)).orElse(MediaSettings.DEFAULT),
                root.optional("scripts").map(node -> base.resolve(node.asMapping().allowOnly("directory")
                        .string("directory", ApplianceConfigReader::path)).normalize()).orElse(ApplianceConfig.SYSTEM_SCRIPTS),
                root.optional("policy").map(node -> policy(node.asMapping())).orElse(IssuancePolicy.DEFAULT),
                root.optional("preflight").map(node -> preflight(node.asMapping())).orElse(PreflightSettings.DEFAULT));
    }

    private static IssuancePolicy policy(YamlMapping policy) {
        policy.allowOnly("permitted-domains", "device-uri-domain", "max-alternative-names");
        java.util.List<String> domains = new java.util.ArrayList<>();
        policy.optional("permitted-domains").ifPresent(list -> {
            for (YamlNode item : list.asSequence().items()) {
                domains.add(item.asScalar().as(text -> dev.ceremony.pki.DnsNames.requireHostname(text, false)));
            }
        });
        java.util.Optional<String> uriDomain = policy.optionalString("device-uri-domain",
                text -> dev.ceremony.pki.DnsNames.requireHostname(text, false));
        int max = policy.optional("max-alternative-names").map(n -> n.asScalar().asInt())
                .orElse(IssuancePolicy.DEFAULT.maxAlternativeNames());
        try {
            return new IssuancePolicy(domains, uriDomain, max);
        } catch (IllegalArgumentException e) {
            throw policy.error(e.getMessage());
        }
    }

    private static MediaSettings media(YamlMapping media, Path base) {
        media.allowOnly("directories", "import-max-files", "import-max-total-bytes");
        java.util.List<Path> directories = new java.util.ArrayList<>();
        media.optional("directories").ifPresent(list -> {
            for (YamlNode item : list.asSequence().items()) {
                directories.add(base.resolve(item.asScalar().as(ApplianceConfigReader::path)).normalize());
            }
        });
        int files = media.optional("import-max-files").map(n -> n.asScalar().asInt())
                .orElse(MediaSettings.DEFAULT.importMaxFiles());
        long bytes = media.optional("import-max-total-bytes").map(n -> (long) n.asScalar().asInt())
                .orElse(MediaSettings.DEFAULT.importMaxTotalBytes());
        try {
            return new MediaSettings(directories, files, bytes);
        } catch (IllegalArgumentException e) {
            throw media.error(e.getMessage());
        }
    }

    private static PreflightSettings preflight(YamlMapping preflight) {
        preflight.allowOnly("allow-network", "max-clock-drift-seconds");
        boolean network = preflight.optional("allow-network").map(n -> n.asScalar().asBoolean())
                .orElse(PreflightSettings.DEFAULT.allowNetwork());
        Duration drift = preflight.optional("max-clock-drift-seconds")
                .map(n -> Duration.ofSeconds(n.asScalar().asInt()))
                .orElse(PreflightSettings.DEFAULT.maxClockDrift());
        try {
            return new PreflightSettings(network, drift);
        } catch (IllegalArgumentException e) {
            throw preflight.error(e.getMessage());
        }
    }

    private static WarningWindows warnings(YamlMapping warnings) {
        warnings.allowOnly("ca-expiry-days", "crl-days");
        int ca = warnings.optional("ca-expiry-days").map(n -> n.asScalar().asInt())
                .orElse(WarningWindows.DEFAULT.caExpiryDays());
        int crl = warnings.optional("crl-days").map(n -> n.asScalar().asInt()).orElse(WarningWindows.DEFAULT.crlDays());
        try {
            return new WarningWindows(ca, crl);
        } catch (IllegalArgumentException e) {
            throw warnings.error(e.getMessage());
        }
    }

    private static DnDefaults dnDefaults(YamlMapping dn) {
        dn.allowOnly("country", "state-or-province", "locality", "organization", "organizational-unit");
        return new DnDefaults(
                dn.string("country", DnDefaults::country),
                dn.optionalString("state-or-province", DnDefaults::attribute),
                dn.optionalString("locality", DnDefaults::attribute),
                dn.string("organization", DnDefaults::attribute),
                dn.optionalString("organizational-unit", DnDefaults::attribute));
    }

    private static String use(String value) {
        if (!value.equals("production") && !value.equals("rehearsal")) {
            throw new IllegalArgumentException("'" + value + "' is not a token use: production or rehearsal");
        }
        return value;
    }

    private static TokenSettings token(YamlMapping token, Path base) {
        token.allowOnly("hsm-config", "label", "serial", "use");
        Path hsmConfig = base.resolve(token.string("hsm-config", ApplianceConfigReader::path)).normalize();
        if (!java.nio.file.Files.isRegularFile(hsmConfig)) {
            // Checked here, where the line that names the file is known; the token family is read much later.
            throw token.required("hsm-config").error("there is no file " + hsmConfig + " (relative paths start at "
                    + base + "); name the token family's file from the hsm-config/ folder");
        }
        return new TokenSettings(hsmConfig, token.string("label", TokenSettings::label),
                token.optionalString("serial", TokenSettings::serial),
                token.optionalString("use", ApplianceConfigReader::use).map("production"::equals).orElse(true));
    }

    /** A file-system path as written in YAML: not empty, no NUL. */
    static Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must be a path, not empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a path cannot contain a NUL character");
        }
        return Path.of(text);
    }
}
