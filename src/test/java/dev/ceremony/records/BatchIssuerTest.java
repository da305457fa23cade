package dev.ceremony.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTrail;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch issuance: reservations and issues are made durable once per chunk, and a bad request stops nothing. */
@SoftHsm
class BatchIssuerTest {

    /** The real log, counting its syncs: the one fact a file system does not show afterwards. */
    private record CountingTrail(AuditLogFile log, AtomicInteger syncs) implements AuditTrail {
        @Override
        public AuditEntry append(String type, Map<String, Object> data) {
            return log.append(type, data);
        }

        @Override
        public void sync() {
            syncs.incrementAndGet();
            log.sync();
        }
    }

    @Test
    void fortyFiveRequestsInChunksOfTwenty_syncTwicePerChunk_andSkipTheOneThatFailsLint(TestToken testToken,
            @TempDir Path dir) throws Exception {
        try (TestHierarchy pki = new TestHierarchy(testToken, dir)) {
            KeyHandle audit = pki.token.generateKeyPair(new KeyLabel("batch-audit"), KeySpec.EC_P256);
            AtomicInteger syncs = new AtomicInteger();
            Path logFile = dir.resolve("batch-audit.jsonl");
            KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
            keys.initialize(new ECGenParameterSpec("secp256r1"));
            List<CertificateIssuer.Request> requests = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                String id = String.format("batch-%02d", i);
                requests.add(new CertificateIssuer.Request(TestHierarchy.profile("mqtt-device"), new SubjectData(
                        Names.subject(TestHierarchy.DN, id), List.of(
                                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://fleet.example.com/device/" + id),
                                new GeneralName(GeneralName.dNSName, id + ".local")),
                        SubjectPublicKeyInfo.getInstance(keys.generateKeyPair().getPublic().getEncoded())),
                        CaSigner.of(pki.deviceCaKey, pki.deviceCa), i == 7 ? Optional.of(900) : Optional.empty(),
                        Optional.empty()));
            }
            List<Integer> progress = new ArrayList<>();
            List<BatchIssuer.Outcome> outcomes;
            try (AuditLogFile log = AuditLogFile.create(logFile, Clock.systemUTC(), "batch",
                    audit.requirePublicKey().getEncoded(), Map.of());
                    JournalCaRecords journal = JournalCaRecords.open(dir.resolve("batch-records"))) {
                AuditedCaRecords records = new AuditedCaRecords(journal, new CountingTrail(log, syncs));
                CertificateIssuer issuer = new CertificateIssuer(pki.token, new RecordedSerials(new TokenSerials(pki.token),
                        records), Linter.standard(), TestHierarchy.BC, Clock.systemUTC(), Duration.ofMinutes(5));
                outcomes = new BatchIssuer(issuer, records, 20).issue(requests, false, progress::add);
                assertThat(Indexed.all(journal)).hasSize(44);
            }

            assertThat(outcomes).hasSize(45);
            assertThat(outcomes.stream().filter(o -> o.issued().isPresent())).hasSize(44);
            assertThat(outcomes.stream().filter(o -> o.refusal().isPresent()).map(o -> o.refusal().get()))
                    .singleElement().asString().contains("[validity-profile-maximum]").contains("batch-07");
            assertThat(syncs).as("per chunk: one sync for the reservations, one for the kept certificates, one for the "
                    + "index; 3 chunks").hasValue(9);
            assertThat(progress).containsExactly(20, 40, 45);
            List<String> types = Files.readAllLines(logFile).stream().map(line -> AuditEntry.parse(line).type())
                    .filter(type -> !type.equals(AuditTypes.LOG_START)).toList();
            List<String> expected = new ArrayList<>();
            for (int[] chunk : new int[][] {{19, 19}, {20, 20}, {5, 5}}) {
                expected.addAll(java.util.Collections.nCopies(chunk[0], AuditTypes.SERIAL_RESERVED));
                expected.add(AuditTypes.CERTIFICATES_STORED);
                expected.addAll(java.util.Collections.nCopies(chunk[1], AuditTypes.CERTIFICATE_ISSUED));
            }
            assertThat(types).as("each chunk is reserved before it is signed and recorded").isEqualTo(expected);
        }
    }
}
