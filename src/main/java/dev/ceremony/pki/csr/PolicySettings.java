package dev.ceremony.pki.csr;

import dev.ceremony.config.DnDefaults;
import dev.ceremony.pki.DnsNames;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The appliance's issuance policy: the organisation's names, the DNS domains server names must
 * lie in, the URI domain of device identities, and limits on requests.
 *
 * @param permittedDomains server DNS names must equal one of these or lie below it; empty
 *     permits none, so a policy must name its domains
 * @param deviceUriDomain the {@code <uri-domain>} of {@code spiffe://<uri-domain>/device/<id>}
 * @param maxAlternativeNames most SANs one request may ask for
 */
public record PolicySettings(DnDefaults dnDefaults, List<String> permittedDomains, Optional<String> deviceUriDomain,
        int maxAlternativeNames) {

    /** Default limit on requested SANs. */
    public static final int DEFAULT_MAX_ALTERNATIVE_NAMES = 20;

    public PolicySettings {
        Objects.requireNonNull(dnDefaults, "dnDefaults");
        permittedDomains = permittedDomains.stream().map(d -> DnsNames.requireHostname(d, false))
                .map(d -> d.toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(deviceUriDomain, "deviceUriDomain");
        deviceUriDomain.ifPresent(d -> DnsNames.requireHostname(d, false));
        if (maxAlternativeNames < 1) {
            throw new IllegalArgumentException("the SAN limit must be at least 1");
        }
    }

    /** True when {@code name} is a permitted domain or lies below one. */
    public boolean permits(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return permittedDomains.stream().anyMatch(d -> lower.equals(d) || lower.endsWith("." + d));
    }
}
