package dev.ceremony.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.records.RevocationReason;
import dev.ceremony.records.RevocationService;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestHierarchy;
import dev.ceremony.testing.TestToken;
import dev.ceremony.testing.Tool;
import dev.ceremony.token.Token;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRLs from the root and from an intermediate, signed on SoftHSM, checked by OpenSSL. */
@SoftHsm
class CrlWithPeersTest {

    @TempDir
    static Path dir;

    private static Token token;
    private static TestHierarchy pki;
    private static RevocationService revocations;

    @BeforeAll
    static void hierarchy(TestToken testToken) throws Exception {
        pki = new TestHierarchy(testToken, dir);
        token = pki.token;
        revocations = new RevocationService(pki.records,
                new CrlIssuer(token, TestHierarchy.BC, Clock.systemUTC(), CrlSchedule.DEFAULT), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    /** Serial numbers as openssl prints them: upper-case hex with an even number of digits. */
    private static String opensslHex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase();
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static void assertOk(Tool result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void revokedDevice_isRefusedWithTheCrl_andItsNeighbourStillPasses() throws Exception {
        X509CertificateHolder revoked = pki.device("sensor-0666");
        pki.device("sensor-0667");
        revocations.revoke(pki.deviceCa, revoked.getSerialNumber(), RevocationReason.KEY_COMPROMISE);

        X509CRLHolder deviceCrl = revocations.issueCrl(CaSigner.of(pki.deviceCaKey, pki.deviceCa));
        X509CRLHolder rootCrl = revocations.issueCrl(CaSigner.of(pki.rootKey, pki.root));
        pki.write("device-ca.crl.pem", Pem.crl(deviceCrl));
        pki.write("root-ca.crl.pem", Pem.crl(rootCrl));
        pki.write("crls.pem", Pem.crl(rootCrl) + Pem.crl(deviceCrl));

        Tool verified = Tool.run(dir, "openssl", "crl", "-in", "device-ca.crl.pem", "-CAfile", "device-ca.cert.pem",
                "-noout", "-verify");
        assertOk(verified);
        assertThat(verified.output()).contains("verify OK");
        assertOk(Tool.run(dir, "openssl", "crl", "-in", "root-ca.crl.pem", "-CAfile", "root-ca.cert.pem", "-noout",
                "-verify"));
        Tool text = Tool.run(dir, "openssl", "crl", "-in", "device-ca.crl.pem", "-noout", "-text");
        assertThat(text.output()).contains("X509v3 CRL Number: \n                1")
                .contains("X509v3 Authority Key Identifier")
                .contains("Serial Number: " + opensslHex(revoked.getSerialNumber()))
                .contains("Key Compromise");

        Tool refused = Tool.run(dir, "openssl", "verify", "-crl_check_all", "-CAfile", "root-ca.cert.pem",
                "-untrusted", "device-ca.cert.pem", "-CRLfile", "crls.pem", "sensor-0666.cert.pem");
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");
        assertOk(Tool.run(dir, "openssl", "verify", "-crl_check_all", "-x509_strict", "-CAfile", "root-ca.cert.pem",
                "-untrusted", "device-ca.cert.pem", "-CRLfile", "crls.pem", "sensor-0667.cert.pem"));
    }

    @Test
    void crlNumbers_strictlyIncrease_andNextUpdateFollowsTheSchedule() throws Exception {
        X509CRLHolder first = revocations.issueCrl(CaSigner.of(pki.serverCaKey, pki.serverCa));
        X509CRLHolder second = revocations.issueCrl(CaSigner.of(pki.serverCaKey, pki.serverCa));

        BigInteger one = CRLNumber.getInstance(first.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
        BigInteger two = CRLNumber.getInstance(second.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
        assertThat(two).isGreaterThan(one);
        assertThat(Duration.between(first.getThisUpdate().toInstant(), first.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(30));
        try (var stored = Files.list(dir.resolve("records/crl"))) {
            assertThat(stored.map(p -> p.getFileName().toString()))
                    .contains(KeyIds.subjectKeyId(pki.serverCa) + "-" + one + ".crl",
                            KeyIds.subjectKeyId(pki.serverCa) + "-" + two + ".crl");
        }
    }

    @Test
    void rootCrl_lastsTwelveMonths_andNoScheduleMayExceedThat() {
        X509CRLHolder crl = revocations.issueCrl(CaSigner.of(pki.rootKey, pki.root));

        assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(365));
        assertThatThrownBy(() -> new CrlSchedule(400, 30)).hasMessageContaining("1 to 365 days");
    }

    @Test
    void aRetiredIntermediate_keepsItsCrlUntilItsLastLeafExpires() throws Exception {
        X509CertificateHolder leaf = pki.server("mqtt-retire", pki.p256());

        assertThat(revocations.crlNeededUntil(KeyIds.subjectKeyId(pki.serverCa)))
                .hasValueSatisfying(until -> assertThat(until).isAfterOrEqualTo(leaf.getNotAfter().toInstant()));
    }
}
