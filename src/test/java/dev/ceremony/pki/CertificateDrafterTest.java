package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.pki.lint.LintFinding;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/** Drafting and linting a certificate needs no token: what a plan shows before the ceremony day. */
class CertificateDrafterTest {

    private final CertificateDrafter drafter = new CertificateDrafter(Linter.standard(), Clock.systemUTC(),
            Duration.ofMinutes(5));

    @Test
    void aRoot_isDraftedFromAPlaceholderKey_withoutAnyToken_butWhatItSigns_needsItsCertificate() {
        KeyHandle rootKey = PlaceholderKeys.handle("root-ca", KeySpec.EC_P384);
        KeyHandle auditKey = PlaceholderKeys.handle("audit-signer", KeySpec.EC_P256);
        X500Name rootName = Names.subject(TestHierarchy.DN, "Example IoT Root CA");
        X500Name auditName = Names.subject(TestHierarchy.DN, "Ceremony Audit Signer");

        CertificateDrafter.Draft root = drafter.draft(new CertificateIssuer.Request(TestHierarchy.profile("root-ca"),
                new SubjectData(rootName, List.of(), TestHierarchy.spki(rootKey)), CaSigner.selfSigning(rootKey, rootName),
                Optional.empty(), Optional.empty()), CertificateDrafter.DRY_RUN_SERIAL);
        List<LintFinding> audit = drafter.dryRun(new CertificateIssuer.Request(TestHierarchy.profile("audit-signer"),
                new SubjectData(auditName, List.of(), TestHierarchy.spki(auditKey)), CaSigner.selfSigning(rootKey, rootName),
                Optional.empty(), Optional.empty()));

        assertThat(root.findings()).isEmpty();
        assertThat(root.tbs().getSubject()).isEqualTo(rootName);
        assertThat(root.tbs().getIssuer()).isEqualTo(rootName);
        assertThat(root.scheme()).isEqualTo(dev.ceremony.token.SignatureScheme.ECDSA_SHA384);
        assertThat(audit).as("a plan must give the audit draft the root's draft as a certificate")
                .extracting(LintFinding::rule).containsExactly("issuer-is-ca");
    }

    @Test
    void aDraftThatBreaksItsProfile_listsTheRule() {
        KeyHandle rootKey = PlaceholderKeys.handle("root-ca", KeySpec.EC_P384);
        X500Name rootName = Names.subject(TestHierarchy.DN, "Example IoT Root CA");

        List<LintFinding> findings = drafter.dryRun(new CertificateIssuer.Request(TestHierarchy.profile("root-ca"),
                new SubjectData(rootName, List.of(), TestHierarchy.spki(rootKey)), CaSigner.selfSigning(rootKey, rootName),
                Optional.of(10_000), Optional.empty()));

        assertThat(findings).extracting(LintFinding::rule).containsExactly("validity-profile-maximum");
    }
}
