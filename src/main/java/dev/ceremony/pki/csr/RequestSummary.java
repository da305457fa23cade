package dev.ceremony.pki.csr;

import java.util.List;

/**
 * What a request asked for, made safe to show: every string escaped, internationalised names
 * shown with their Unicode form beside the A-label. A challengePassword is never part of it.
 *
 * @param key e.g. {@code EC P-256} or {@code RSA 2048}
 * @param extensions names of the requested extensions, e.g. {@code subjectAltName}
 */
public record RequestSummary(String subject, List<String> alternativeNames, String key, List<String> extensions) {

    public RequestSummary {
        alternativeNames = List.copyOf(alternativeNames);
        extensions = List.copyOf(extensions);
    }
}
