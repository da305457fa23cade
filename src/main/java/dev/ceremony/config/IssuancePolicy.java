package dev.ceremony.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The organisation's issuance policy: the DNS domains server names must lie in, the URI domain of
 * device identities ({@code spiffe://<uri-domain>/device/<id>}), and the most SANs one request
 * may ask for.
 */
public record IssuancePolicy(List<String> permittedDomains, Optional<String> deviceUriDomain, int maxAlternativeNames) {

    /** No domains (so no server names pass), no device domain, 20 SANs. */
    public static final IssuancePolicy DEFAULT = new IssuancePolicy(List.of(), Optional.empty(), 20);

    public IssuancePolicy {
        permittedDomains = List.copyOf(permittedDomains);
        Objects.requireNonNull(deviceUriDomain, "deviceUriDomain");
        if (maxAlternativeNames < 1 || maxAlternativeNames > 1000) {
            throw new IllegalArgumentException("max-alternative-names must be 1 to 1000, not " + maxAlternativeNames);
        }
    }
}
