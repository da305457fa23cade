package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.SoftAssertions;

import dev.ceremony.FileAdapters;
import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditVerifier;
import dev.ceremony.audit.Transcript;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.csr.Verdict;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestEngine;
import dev.ceremony.testing.TestToken;
import dev.ceremony.text.Facts;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.TokenIdentity;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.ProfileReader;
import dev.ceremony.yaml.ScriptReader;
import dev.ceremony.yaml.StrictYaml;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcript of a signing ceremony that did not run straight through tells what happened:
 * killed while signing (certificates of the first chunk issued, the rest never signed) and then
 * aborted; killed and resumed; aborted because the witness declined the sign step. Each step begun
 * is shown, the one that never completed marked as such with what it recorded; every request the
 * review accepted and no certificate was issued for is listed as not signed; the abort says after
 * which step and by whom; participants and confirmations appear once.
 */
@SoftHsm
class InterruptedCeremonyTranscriptTest {

    private static final String ALICE = "administrator  Alice";
    private static final String WENDY = "witness        Wendy";

    @TempDir
    Path dir;

    @Test
    void killedAbortedResumedAndDeclinedCeremonies_transcriptsTellWhatHappened(TestToken token) throws Exception {
        ConstrainedHierarchy ca = new ConstrainedHierarchy(dir, token);
        CeremonyRunner runner = runner(ca.config, token);
        Path log = dir.resolve("appliance/records/audit.jsonl");
        SoftAssertions soft = new SoftAssertions();

        // Killed once the first chunk of 1,000 is signed and recorded: 2 accepted requests never signed.
        int total = BatchIssuerChunk.SIZE + 2;
        Path many = requests(dir.resolve("many"), "d", total);
        assertThatThrownBy(() -> runner.run(signCsrs(many, ca.out), new KilledWhileSigning(token, BatchIssuerChunk.SIZE)))
                .isInstanceOf(Killed.class);
        String killedId = lastCeremony(log);
        String killed = Transcript.render(entries(log), killedId);
        soft.assertThat(killed).contains("Outcome          NOT ENDED (stopped; it can be resumed)")
                .containsPattern("sign  sign-csrs: INTERRUPTED \\(begun, never completed\\)\n +before it stopped: "
                        + BatchIssuerChunk.SIZE + " certificate\\(s\\) issued")
                .contains("Issued " + BatchIssuerChunk.SIZE + " certificate(s):")
                .contains("Reviewed and not signed 2 (stopped before they were signed):\n"
                        + "    d1001.csr (C=DE,O=Ceremony Test Org,CN=d1001.brokers.example.com)\n"
                        + "    d1002.csr (C=DE,O=Ceremony Test Org,CN=d1002.brokers.example.com)\n");

        People aborting = new People(token);
        RunOutcome aborted = runner.abortUnfinished(script(), Map.of(Role.ADMINISTRATOR, "Alice", Role.WITNESS,
                "Wendy"), aborting, "killed while signing; the batch is signed again in a new ceremony");
        assertThat(aborted.ending()).as(String.join("\n", aborting.said)).isEqualTo(RunOutcome.Ending.ABORTED);
        soft.assertThat(Files.readString(log)).as("the record names the step begun last, and who aborted")
                .contains("\"type\":\"abort\",\"step\":\"sign\",\"step-completed\":false,"
                        + "\"by\":[\"administrator Alice\",\"witness Wendy\"],\"reason\":\"killed while signing");
        String abortedText = Files.readString(aborted.transcript().orElseThrow());
        soft.assertThat(abortedText).contains("Outcome          aborted, after step sign (begun, not completed)")
                .containsPattern("sign  sign-csrs: INTERRUPTED \\(begun, never completed\\)\n +before it stopped: "
                        + BatchIssuerChunk.SIZE + " certificate\\(s\\) issued")
                .contains("Issued " + BatchIssuerChunk.SIZE + " certificate(s):")
                .contains("Reviewed " + total + ": " + total + " accepted, 0 refused")
                .contains("Reviewed and not signed 2 (aborted before they were signed):\n"
                        + "    d1001.csr (C=DE,O=Ceremony Test Org,CN=d1001.brokers.example.com)\n"
                        + "    d1002.csr (C=DE,O=Ceremony Test Org,CN=d1002.brokers.example.com)\n")
                .doesNotContain("preflight: aborted");
        soft.assertThat(flat(abortedText)).contains("ABORTED after step sign (begun, not completed), by administrator "
                + "Alice, witness Wendy").contains("ABORT after step sign (begun, not completed), by administrator "
                + "Alice, witness Wendy: killed while signing; the batch is signed again in a new ceremony");
        assertOnce(soft, abortedText);
        assertFitsEightyColumns(soft, abortedText);

        // Killed after its 3 certificates were recorded, then resumed: nothing counted twice.
        Path three = requests(dir.resolve("three"), "r", 3);
        assertThatThrownBy(() -> runner.run(signCsrs(three, ca.out), new KilledWhileSigning(token, 3)))
                .isInstanceOf(Killed.class);
        People resuming = new People(token);
        RunOutcome resumed = runner.run(signCsrs(three, ca.out), resuming);
        assertThat(resumed.ending()).as(String.join("\n", resuming.said)).isEqualTo(RunOutcome.Ending.COMPLETED);
        String resumedText = Files.readString(resumed.transcript().orElseThrow());
        soft.assertThat(resumedText).contains("Outcome          completed\n")
                .containsPattern("sign  sign-csrs: INTERRUPTED \\(begun, never completed\\)\n +before it stopped: 3 "
                        + "certificate\\(s\\) issued")
                .contains("Issued 3 certificate(s):")
                .contains("Reviewed and not signed 0\n")
                .doesNotContain("Wendy, administrator Alice");
        soft.assertThat(flat(resumedText)).contains("RESUMED after an interruption; completed before and not done again: "
                + "import, review").containsPattern("sign sign-csrs: completed issuer [^;]*; issued 0; not-signed 0; "
                        + "signed-before-resume 3");
        assertOnce(soft, resumedText);
        assertFitsEightyColumns(soft, resumedText);

        // The sign step is declined (by the first to confirm it): aborted during it, the refusal not shown as a
        // confirmation.
        Path one = requests(dir.resolve("one"), "x", 1);
        People declining = new People(token, "sign");
        RunOutcome declined = runner.run(signCsrs(one, ca.out), declining);
        assertThat(declined.ending()).as(String.join("\n", declining.said)).isEqualTo(RunOutcome.Ending.ABORTED);
        String declinedText = Files.readString(declined.transcript().orElseThrow());
        soft.assertThat(declinedText).contains("Outcome          aborted, during step sign")
                .containsPattern("sign  sign-csrs: ABORTED while it ran")
                .contains("confirmed by nobody\n")
                .contains("Reviewed and not signed 1 (aborted before they were signed):\n"
                        + "    x0001.csr (C=DE,O=Ceremony Test Org,CN=x0001.brokers.example.com)");
        soft.assertThat(flat(declinedText)).contains("DECLINED by administrator Wendy (the subject is not the planned "
                + "one)");
        assertOnce(soft, declinedText);

        soft.assertThat(new AuditVerifier(TestHierarchy.BC).verify(Files.readAllBytes(log), Optional.empty(),
                Optional.empty()).valid()).isTrue();
        soft.assertAll();
    }

    /** Each participant is listed, and has a line to sign, once. */
    private static void assertOnce(SoftAssertions soft, String transcript) {
        String participants = transcript.substring(transcript.indexOf("Participants\n"), transcript.indexOf("\nSteps\n"));
        soft.assertThat(participants.lines().filter(l -> l.startsWith("  " + ALICE))).hasSize(1);
        soft.assertThat(participants.lines().filter(l -> l.startsWith("  " + WENDY))).hasSize(1);
        String signatures = transcript.substring(transcript.indexOf("\nSignatures\n"));
        soft.assertThat(signatures.lines().filter(l -> l.contains("signature ___"))).hasSize(2);
    }

    /** The text with each run of white space (a wrapped line's break and indent) as one space. */
    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static void assertFitsEightyColumns(SoftAssertions soft, String transcript) {
        soft.assertThat(transcript.lines()).allSatisfy(line -> assertThat(line.length()).as(line)
                .isLessThanOrEqualTo(80));
    }

    private static List<AuditEntry> entries(Path log) throws IOException {
        return Files.readAllLines(log).stream().map(AuditEntry::parse).toList();
    }

    private static String lastCeremony(Path log) throws IOException {
        List<AuditEntry> all = entries(log);
        return all.get(all.size() - 1).ceremony();
    }

    /** {@code count} server requests, each with its own P-256 key: {@code <prefix>0001.brokers.example.com} .... */
    private static Path requests(Path folder, String prefix, int count) throws Exception {
        Files.createDirectories(folder);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
        for (int i = 1; i <= count; i++) {
            KeyPair key = generator.generateKeyPair();
            String id = String.format("%s%04d", prefix, i);
            String name = id + ".brokers.example.com";
            Extensions extensions = new Extensions(new Extension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, name)).getEncoded()));
            var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                    .build(signer.build(key.getPrivate()));
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(request);
            }
            Files.writeString(folder.resolve(id + ".csr"), text.toString(), StandardCharsets.US_ASCII);
        }
        return folder;
    }

    private static CeremonyScript script() {
        return new ScriptReader(new StrictYaml()).read(TestToken.projectDir().resolve("ceremony-scripts/sign-csrs.yaml"));
    }

    private static RunRequest signCsrs(Path requests, Path out) {
        return new RunRequest(ResolvedScript.of(script(), Map.of("profile", "mqtt-server", "issuer", "server-ca")),
                RunMode.BATCH, Map.of(Role.ADMINISTRATOR, "Alice", Role.WITNESS, "Wendy"), Optional.of(requests),
                Optional.of(out), Optional.empty(), List.of());
    }

    private static CeremonyRunner runner(Path config, TestToken token) throws Exception {
        return TestEngine.runner(config, token, Linter.standard());
    }

    /** The size of the sign step's chunks: a kill after the first leaves the rest unsigned. */
    private static final class BatchIssuerChunk {
        static final int SIZE = dev.ceremony.records.BatchIssuer.DEFAULT_CHUNK;
    }

    /** The process dies: nothing more is written (what the run wrote so far is on disk). */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed while signing (test)");
        }
    }

    /** The people of {@link People}, whose machine dies once {@code after} certificates are signed and recorded. */
    private static final class KilledWhileSigning implements Operator {
        private final People people;
        private final long after;

        KilledWhileSigning(TestToken token, long after) {
            this.people = new People(token);
            this.after = after;
        }

        @Override
        public void progress(String task, long done, long total) {
            if (task.equals("signing") && done >= after) {
                throw new Killed();
            }
        }

        @Override
        public void showStep(int number, int total, ScriptStep step) {
            people.showStep(number, total, step);
        }

        @Override
        public void say(String line) {
            people.say(line);
        }

        @Override
        public void fingerprint(String subject, String sha256) {
            people.fingerprint(subject, sha256);
        }

        @Override
        public Confirmation confirm(ScriptStep step, Role role, Facts shown) {
            return people.confirm(step, role, shown);
        }

        @Override
        public Instant witnessedTime(Instant machineTime) {
            return people.witnessedTime(machineTime);
        }

        @Override
        public boolean confirmFinalTry(TokenIdentity identity) {
            return people.confirmFinalTry(identity);
        }

        @Override
        public Pin secret(String prompt, Optional<PinState> flags) {
            return people.secret(prompt, flags);
        }

        @Override
        public void verdict(Verdict verdict) {
            people.verdict(verdict);
        }

        @Override
        public Set<String> leftOut() {
            return people.leftOut();
        }

        @Override
        public Pin soPin(String prompt) {
            return people.soPin(prompt);
        }

        @Override
        public void handOut(ShareHandout share) {
            people.handOut(share);
        }

        @Override
        public int enterShare(String prompt, ToIntFunction<CharSequence> check) {
            return people.enterShare(prompt, check);
        }
    }
}
