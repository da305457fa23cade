package dev.ceremony.pki;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A certificate profile: what a certificate of one kind contains, whatever was requested. Profiles
 * are data (ceremony-scripts/profiles/*.yaml) that officers print and review; this type refuses
 * combinations that make no sense, with messages that name the YAML field.
 *
 * @param pathLength basicConstraints pathLenConstraint of a CA; empty for none
 * @param keyUsageRsa the keyUsage used instead of {@code keyUsage} when the subject key is RSA
 *     (NSS wants keyEncipherment on RSA server certificates)
 * @param nameConstraintsAllowed whether a ceremony may add (critical) name constraints
 * @param renewal whether a subject that already holds a valid certificate may get another one
 * @param allowLoopbackIp whether a requested loopback address (127.0.0.0/8, ::1) is issued; off
 *     unless the profile says so, for a broker is never reached at a loopback address from outside
 */
public record CertificateProfile(
        String name,
        String description,
        ProfileKind kind,
        int defaultDays,
        int maxDays,
        SubjectSource subject,
        SanSource sans,
        boolean wildcards,
        boolean basicConstraintsCritical,
        Optional<Integer> pathLength,
        Set<KeyUsageBit> keyUsage,
        Set<KeyUsageBit> keyUsageRsa,
        List<ExtendedKeyUsage> extendedKeyUsage,
        boolean nameConstraintsAllowed,
        List<URI> crlDistributionPoints,
        List<URI> caIssuers,
        List<URI> ocsp,
        List<String> certificatePolicies,
        boolean renewal,
        boolean allowLoopbackIp) {

    /** Longest validity any profile may allow: 100 years. */
    public static final int MAX_DAYS_CEILING = 36_500;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    public CertificateProfile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' must be lower-case letters, digits and '-'");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sans, "sans");
        Objects.requireNonNull(pathLength, "pathLength");
        if (defaultDays < 1 || maxDays < defaultDays || maxDays > MAX_DAYS_CEILING) {
            throw new IllegalArgumentException("validity: need 1 <= default-days <= max-days <= " + MAX_DAYS_CEILING
                    + ", got " + defaultDays + " and " + maxDays);
        }
        keyUsage = frozen(keyUsage, "key-usage");
        keyUsageRsa = frozen(keyUsageRsa, "key-usage-rsa");
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        crlDistributionPoints = httpUris(crlDistributionPoints, "crl-distribution-points");
        caIssuers = httpUris(caIssuers, "authority-information-access.ca-issuers");
        ocsp = httpUris(ocsp, "authority-information-access.ocsp");
        certificatePolicies = List.copyOf(certificatePolicies);
        for (String oid : certificatePolicies) {
            if (!OID.matcher(oid).matches()) {
                throw new IllegalArgumentException("certificate-policies: '" + oid + "' is not an OID such as 1.3.6.1.4.1.99999.1");
            }
        }
        if (pathLength.isPresent() && (!kind.isCa() || pathLength.get() < 0)) {
            throw new IllegalArgumentException("basic-constraints.path-length: only a CA profile has one, and it is >= 0");
        }
        if (allowLoopbackIp && sans != SanSource.REQUEST_DNS_IP) {
            throw new IllegalArgumentException("allow-loopback-ip: only profiles with subject-alternative-names: "
                    + "request-dns-ip issue requested IP addresses");
        }
        if (wildcards && sans != SanSource.REQUEST_DNS_IP) {
            throw new IllegalArgumentException("wildcards: only profiles with subject-alternative-names: request-dns-ip "
                    + "can allow wildcards");
        }
        for (Set<KeyUsageBit> usage : List.of(keyUsage, keyUsageRsa)) {
            boolean signsCertificates = usage.contains(KeyUsageBit.KEY_CERT_SIGN) || usage.contains(KeyUsageBit.CRL_SIGN);
            if (kind.isCa() && !(usage.contains(KeyUsageBit.KEY_CERT_SIGN) && usage.contains(KeyUsageBit.CRL_SIGN))) {
                throw new IllegalArgumentException("key-usage: a CA profile must include key-cert-sign and crl-sign");
            }
            if (!kind.isCa() && signsCertificates) {
                throw new IllegalArgumentException("key-usage: an end-entity profile must not include key-cert-sign "
                        + "or crl-sign");
            }
        }
        if (kind.isCa()) {
            if (!basicConstraintsCritical) {
                throw new IllegalArgumentException("basic-constraints.critical: must be true for a CA (RFC 5280 4.2.1.9)");
            }
            if (subject != SubjectSource.CEREMONY_PARAMETER || sans != SanSource.NONE) {
                throw new IllegalArgumentException("subject: a CA profile takes its name from a ceremony parameter "
                        + "and has no subject alternative names");
            }
            if (renewal) {
                throw new IllegalArgumentException("renewal: CA keys are rotated by a ceremony, not renewed");
            }
        } else {
            if (extendedKeyUsage.isEmpty()) {
                throw new IllegalArgumentException("extended-key-usage: an end-entity profile must name at least one");
            }
            if (nameConstraintsAllowed) {
                throw new IllegalArgumentException("name-constraints: only CA profiles can carry name constraints");
            }
        }
        if (kind == ProfileKind.ROOT_CA && nameConstraintsAllowed) {
            throw new IllegalArgumentException("name-constraints: put name constraints on intermediates, not the root");
        }
    }

    /** The keyUsage for a subject key of the given type. */
    public Set<KeyUsageBit> keyUsageFor(dev.ceremony.token.KeyType type) {
        return type == dev.ceremony.token.KeyType.RSA ? keyUsageRsa : keyUsage;
    }

    private static Set<KeyUsageBit> frozen(Set<KeyUsageBit> usage, String field) {
        if (usage == null || usage.isEmpty()) {
            throw new IllegalArgumentException(field + ": name at least one key usage");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(usage));
    }

    private static List<URI> httpUris(List<URI> uris, String field) {
        for (URI uri : uris) {
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(field + ": '" + uri + "' must be an http:// URL (RFC 5280 "
                        + "relying parties fetch CRLs and issuers over plain HTTP)");
            }
        }
        return List.copyOf(uris);
    }
}
