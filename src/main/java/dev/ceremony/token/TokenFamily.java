package dev.ceremony.token;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One family of tokens as described by its hsm-config file: where its PKCS#11 library lives,
 * the package that provides it, the key-generation templates, and what the family cannot do.
 *
 * @param source the hsm-config file, named in every message about this family
 * @param libraryPackage where the library comes from, e.g. {@code Debian package softhsm2}
 * @param tested whether Ceremony's tests run against this family (only SoftHSM2 can be here)
 * @param pinMaxLength the family's own PIN limit, checked on top of the token's ulMaxPinLen
 */
public record TokenFamily(
        String name,
        String description,
        Path source,
        Path library,
        String libraryPackage,
        boolean tested,
        Set<KeySpec> keySpecs,
        KeyStorage keyStorage,
        int pinMinLength,
        int pinMaxLength,
        KeyTemplate privateKeyTemplate,
        KeyTemplate publicKeyTemplate) {

    public TokenFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(libraryPackage, "libraryPackage");
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(privateKeyTemplate, "privateKeyTemplate");
        Objects.requireNonNull(publicKeyTemplate, "publicKeyTemplate");
        if (keySpecs == null || keySpecs.isEmpty()) {
            throw new IllegalArgumentException("a token family must support at least one key type");
        }
        keySpecs = Collections.unmodifiableSet(EnumSet.copyOf(keySpecs));
        if (pinMinLength < 1 || pinMaxLength < pinMinLength) {
            throw new IllegalArgumentException("PIN length range " + pinMinLength + ".." + pinMaxLength + " is not valid");
        }
    }

    /** Refuses, with a message naming the family and its file, what the family cannot generate. */
    public void requireCanGenerate(KeySpec spec) {
        if (keyStorage == KeyStorage.FIXED_SLOTS) {
            throw new TokenException(TokenException.Reason.UNSUPPORTED, description + " (" + source
                    + ") keeps keys in fixed slots with fixed labels and IDs; Ceremony cannot create a key "
                    + "with its own label there. Use a token family with free labels for CA keys.");
        }
        if (!keySpecs.contains(spec)) {
            throw new TokenException(TokenException.Reason.UNSUPPORTED, description + " (" + source
                    + ") cannot generate " + spec.displayName() + " keys; it supports " + keySpecNames());
        }
    }

    /** The supported key types as a comma-separated list. */
    public String keySpecNames() {
        StringBuilder names = new StringBuilder();
        for (KeySpec spec : keySpecs) {
            names.append(names.length() == 0 ? "" : ", ").append(spec.displayName());
        }
        return names.toString();
    }
}
