package dev.ceremony.engine;

import dev.ceremony.records.CaRecords;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The CA certificates the records hold, by records name ({@code root-ca}, {@code server-ca-2}),
 * read at one moment and changing nothing: what a plan is resolved against (the real issuer, its
 * key type, the name constraints a rotation carries over), and what a run's steps resolve the
 * same things against.
 *
 * @param byName every CA certificate under its records name, sorted by name
 */
public record CaCertificates(Map<String, X509CertificateHolder> byName) {

    public CaCertificates {
        byName = Collections.unmodifiableMap(new TreeMap<>(byName));
        byName.forEach((name, certificate) -> Objects.requireNonNull(certificate, name));
    }

    /** No records yet (before the root ceremony). */
    public static CaCertificates none() {
        return new CaCertificates(Map.of());
    }

    /** The CA certificates {@code records} hold now. */
    public static CaCertificates of(CaRecords records) {
        return collect(records.caCertificateNames(), records::caCertificate);
    }

    /** The certificates {@code certificate} finds under {@code names}; a name it finds none for is left out. */
    public static CaCertificates collect(List<String> names,
            Function<String, Optional<X509CertificateHolder>> certificate) {
        Map<String, X509CertificateHolder> found = new TreeMap<>();
        for (String name : names) {
            certificate.apply(name).ifPresent(held -> found.put(name, held));
        }
        return new CaCertificates(found);
    }

    /** The records names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<X509CertificateHolder> certificate(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
