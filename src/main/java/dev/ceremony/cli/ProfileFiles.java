package dev.ceremony.cli;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.config.ConfigException;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.StrictYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The certificate profiles of a folder, by name, with the SHA-256 of each file for the provenance record. */
record ProfileFiles(Map<String, CertificateProfile> profiles, Map<String, String> sha256) {

    ProfileFiles {
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        sha256 = Collections.unmodifiableMap(new LinkedHashMap<>(sha256));
    }

    /** Reads every {@code *.yaml} in {@code directory}, in name order. */
    static ProfileFiles read(Path directory) {
        ProfileReader reader = new ProfileReader(new StrictYaml());
        Map<String, CertificateProfile> profiles = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        try {
            for (Path file : files(directory)) {
                CertificateProfile profile = reader.read(file);
                profiles.put(profile.name(), profile);
                hashes.put(profile.name(), AuditChain.sha256Bytes(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot read the profiles in " + directory + ": " + e.getMessage());
        }
        return new ProfileFiles(profiles, hashes);
    }

    /**
     * Every profile file of {@code directory} that does not read cleanly, with its located error, in name
     * order. A ceremony reads them all, so any one of these stops every ceremony.
     */
    static List<ConfigException> problems(Path directory) {
        ProfileReader reader = new ProfileReader(new StrictYaml());
        List<ConfigException> problems = new ArrayList<>();
        try {
            for (Path file : files(directory)) {
                try {
                    reader.read(file);
                } catch (ConfigException e) {
                    problems.add(e);
                }
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot read the profiles in " + directory + ": " + e.getMessage());
        }
        return problems;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (var listing = Files.list(directory)) {
            return listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
