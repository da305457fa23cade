package dev.ceremony.config;

import dev.ceremony.text.Printable;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organisation's distinguished-name attributes, used by every certificate profile unless
 * the profile overrides them. Lengths follow the upper bounds of RFC 5280 appendix A.
 */
public record DnDefaults(
        String country,
        Optional<String> stateOrProvince,
        Optional<String> locality,
        String organization,
        Optional<String> organizationalUnit) {

    /** ub-organization-name, ub-organizational-unit-name, ub-locality-name, ub-state-name. */
    public static final int MAX_ATTRIBUTE_LENGTH = 64;

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public DnDefaults {
        country = country(country);
        stateOrProvince = Objects.requireNonNull(stateOrProvince, "stateOrProvince").map(DnDefaults::attribute);
        locality = Objects.requireNonNull(locality, "locality").map(DnDefaults::attribute);
        organization = attribute(organization);
        organizationalUnit = Objects.requireNonNull(organizationalUnit, "organizationalUnit").map(DnDefaults::attribute);
    }

    /** Checks a country code: two upper-case letters, as ISO 3166-1 alpha-2 and X.520 require. */
    public static String country(String value) {
        if (value == null || !COUNTRY.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + Printable.escape(String.valueOf(value))
                    + "' is not a two-letter upper-case country code such as DE or US");
        }
        return value;
    }

    /** Checks a free-text DN attribute: 1 to 64 characters, nothing unprintable, no edge spaces. */
    public static String attribute(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_ATTRIBUTE_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_ATTRIBUTE_LENGTH + " characters (RFC 5280)");
        }
        if (!Printable.isPrintable(value)) {
            throw new IllegalArgumentException("'" + Printable.escape(value) + "' contains control or invisible characters");
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException("'" + value + "' starts or ends with white space");
        }
        return value;
    }
}
