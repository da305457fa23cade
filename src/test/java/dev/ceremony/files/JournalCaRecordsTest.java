package dev.ceremony.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.records.IssuedEntry;
import dev.ceremony.records.RecordsException;
import dev.ceremony.records.Reservation;
import dev.ceremony.records.RevocationReason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records on a real file system: reopen, torn writes, damage, locking, never reusing or overwriting. */
class JournalCaRecordsTest {

    private static final String ISSUER = "aa11";
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private static IssuedEntry entry(BigInteger serial) {
        return new IssuedEntry(serial, ISSUER, "mqtt-device", "CN=sensor-1", "sensor-1",
                List.of("URI:spiffe://fleet.example.com/device/sensor-1", "DNS:sensor-1.local"), "beef", T0,
                T0.plusSeconds(86_400), false, Optional.empty());
    }

    @Test
    void reservationsIssuesRevocationsAndCrlNumbers_surviveAReopen() {
        BigInteger serial = new BigInteger("1234abcd", 16);
        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            records.reserve(List.of(new Reservation(serial, ISSUER, "mqtt-device", "00ff")));
            records.recordIssued(List.of(entry(serial)));
            records.revoke(ISSUER, serial, T0.plusSeconds(60), RevocationReason.KEY_COMPROMISE);
            assertThat(records.reserveCrlNumber(ISSUER)).isEqualTo(BigInteger.ONE);
            assertThat(records.reserveCrlNumber(ISSUER)).isEqualTo(BigInteger.TWO);
        }

        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            assertThat(records.repairedTornTail()).isFalse();
            assertThat(records.serialUsed(serial)).isTrue();
            IssuedEntry found = records.find(ISSUER, serial).orElseThrow();
            assertThat(found.alternativeNames()).hasSize(2);
            assertThat(found.revocation()).contains(new IssuedEntry.Revocation(T0.plusSeconds(60),
                    RevocationReason.KEY_COMPROMISE));
            assertThat(records.reserveCrlNumber(ISSUER)).as("strictly increasing across reopen")
                    .isEqualTo(BigInteger.valueOf(3));
            assertThat(records.reserveCrlNumber("other-issuer")).isEqualTo(BigInteger.ONE);
        }
    }

    @Test
    void aSerialIsNeverReserved_orIssued_twice() {
        BigInteger serial = BigInteger.valueOf(77);
        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            records.reserve(List.of(new Reservation(serial, ISSUER, "mqtt-device", "00")));
            records.recordIssued(List.of(entry(serial)));

            assertThatThrownBy(() -> records.reserve(List.of(new Reservation(serial, ISSUER, "mqtt-device", "01"))))
                    .hasMessageContaining("was already used; it is never reused");
            assertThatThrownBy(() -> records.recordIssued(List.of(entry(serial))))
                    .hasMessageContaining("already in the index");
            assertThatThrownBy(() -> records.recordIssued(List.of(entry(BigInteger.valueOf(78)))))
                    .hasMessageContaining("was not reserved for issuer aa11 before signing");
        }
    }

    @Test
    void aLineCutShortByACrash_isRemovedAtOpen_andTheRestKept() throws IOException {
        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            records.reserve(List.of(new Reservation(BigInteger.TEN, ISSUER, "mqtt-device", "00")));
        }
        Files.writeString(dir.resolve(JournalCaRecords.JOURNAL), "{\"event\":\"reserve\",\"serial\":\"b",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            assertThat(records.repairedTornTail()).isTrue();
            assertThat(records.serialUsed(BigInteger.TEN)).isTrue();
            assertThat(records.serialUsed(BigInteger.valueOf(11))).isFalse();
        }
        assertThat(Files.readString(dir.resolve(JournalCaRecords.JOURNAL))).endsWith("}\n");
    }

    @Test
    void aDamagedLine_stopsTheOpen_andNamesTheLine() throws IOException {
        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            records.reserve(List.of(new Reservation(BigInteger.TEN, ISSUER, "mqtt-device", "00")));
        }
        Files.writeString(dir.resolve(JournalCaRecords.JOURNAL), "{\"event\":\"frobnicate\"}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> JournalCaRecords.open(dir))
                .isInstanceOf(RecordsException.class)
                .hasMessageContaining("journal.jsonl line 2 is damaged")
                .hasMessageContaining("unknown event 'frobnicate'")
                .hasMessageContaining("rebuild the records from the audit log");
    }

    @Test
    void theRecordsAreOpenOnceAtATime() {
        try (JournalCaRecords first = JournalCaRecords.open(dir)) {
            assertThatThrownBy(() -> JournalCaRecords.open(dir)).hasMessageContaining("already open");
        }
        JournalCaRecords.open(dir).close();
    }

    @Test
    void revokingTwice_orSomethingUnknown_isRefused() {
        BigInteger serial = BigInteger.valueOf(5);
        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            records.reserve(List.of(new Reservation(serial, ISSUER, "mqtt-device", "00")));
            assertThat(records.isIssued(ISSUER, serial)).as("reserved, not yet issued").isFalse();
            records.recordIssued(List.of(entry(serial)));
            assertThat(records.isIssued(ISSUER, serial)).isTrue();
            assertThat(records.isIssued("ff00", serial)).as("another issuer's serial").isFalse();
            assertThat(records.isIssued(ISSUER, BigInteger.valueOf(6))).isFalse();
            records.revoke(ISSUER, serial, T0, RevocationReason.SUPERSEDED);

            assertThatThrownBy(() -> records.revoke(ISSUER, serial, T0, RevocationReason.KEY_COMPROMISE))
                    .hasMessageContaining("was already revoked");
            assertThatThrownBy(() -> records.revoke(ISSUER, BigInteger.valueOf(6), T0, RevocationReason.UNSPECIFIED))
                    .hasMessageContaining("no certificate with serial 6");
        }
    }

    @Test
    void aCertificateBundleLeftByACrash_isKept_whenTheRepairWritesTheSameBytes() throws Exception {
        var certificate = selfSigned("CN=Bundle Test", BigInteger.TEN);
        Path bundle = dir.resolve("certs/aa11/a-1.pem");
        Files.createDirectories(bundle.getParent());
        Files.writeString(bundle, dev.ceremony.pki.Pem.certificate(certificate));

        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            assertThatThrownBy(() -> records.storeCertificates(ISSUER, List.of(certificate)))
                    .as("only what was signed under a reserved serial is kept").hasMessageContaining("never reserved");
            records.reserve(List.of(new Reservation(BigInteger.TEN, ISSUER, "mqtt-device", "00")));
            records.storeCertificates(ISSUER, List.of(certificate));
            assertThat(records.certificate(ISSUER, BigInteger.TEN)).contains(certificate);
        }
        Files.writeString(bundle, "something else");
        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            assertThatThrownBy(() -> records.certificate(ISSUER, BigInteger.TEN))
                    .isInstanceOf(RecordsException.class).hasMessageContaining("a-1.pem");
            assertThatThrownBy(() -> records.storeCertificates(ISSUER, List.of(certificate)))
                    .as("different bytes are never replaced").hasMessageContaining("never overwrites");
        }
    }

    @Test
    void caCertificates_areWrittenOnce_andNeverReplaced() throws Exception {
        var certificate = selfSigned("CN=Records Test", BigInteger.ONE);
        try (JournalCaRecords records = JournalCaRecords.open(dir)) {
            records.storeCaCertificate("root-ca", certificate);

            assertThat(records.caCertificate("root-ca")).contains(certificate);
            assertThat(records.caCertificate("server-ca")).isEmpty();
            assertThatThrownBy(() -> records.storeCaCertificate("root-ca", certificate))
                    .hasMessageContaining("never overwrites");
            assertThatThrownBy(() -> records.storeCaCertificate("../escape", certificate))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (var listing = Files.list(dir.resolve("ca"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("root-ca.cert.pem");
        }
    }

    /** A one-hour self-signed EC certificate made in software, as a record to store. */
    private static org.bouncycastle.cert.X509CertificateHolder selfSigned(String subject, BigInteger serial)
            throws Exception {
        var keys = java.security.KeyPairGenerator.getInstance("EC");
        keys.initialize(256);
        var pair = keys.generateKeyPair();
        var name = new org.bouncycastle.asn1.x500.X500Name(subject);
        return new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, serial, java.util.Date.from(T0),
                java.util.Date.from(T0.plusSeconds(3600)), name, pair.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    }
}
