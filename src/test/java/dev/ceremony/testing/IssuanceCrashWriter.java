package dev.ceremony.testing;

import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.files.JournalCaRecords;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.CertificateIssuer;
import dev.ceremony.pki.Names;
import dev.ceremony.pki.SubjectData;
import dev.ceremony.pki.TokenSerials;
import dev.ceremony.pki.lint.Linter;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.pkcs11.Pkcs11TokenDriver;
import dev.ceremony.records.AuditedCaRecords;
import dev.ceremony.records.RecordedSerials;
import dev.ceremony.records.RecordingIssuer;
import dev.ceremony.records.RecordsReconciler;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.yaml.StrictYaml;
import dev.ceremony.yaml.TokenFamilyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Run in a child JVM by the records crash test: repairs the records from the log, then issues
 * device certificates in a loop until it is killed. Prints "repairs N" and then "ready".
 * Arguments: RECORDS-DIR LOG TOKEN-LABEL PIN.
 */
public final class IssuanceCrashWriter {

    private IssuanceCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        var family = new TokenFamilyReader(new StrictYaml()).read(TestToken.projectDir().resolve("hsm-config/softhsm2.yaml"));
        Token token = new Pkcs11TokenDriver(JdkCryptoki::load, 1).open(family, args[2], Optional.empty());
        try (Pin pin = Pin.of(args[3].toCharArray())) {
            token.login(pin, identity -> false);
        }
        JournalCaRecords journal = JournalCaRecords.open(Path.of(args[0]));
        System.out.println("repairs " + RecordsReconciler.reconcile(Files.readAllBytes(Path.of(args[1])), journal).size());
        AuditLogFile audit = AuditLogFile.open(Path.of(args[1]), Clock.systemUTC());
        AuditedCaRecords records = new AuditedCaRecords(journal, audit);
        RecordingIssuer issuer = new RecordingIssuer(new CertificateIssuer(token, new RecordedSerials(
                new TokenSerials(token), records), Linter.standard(), TestHierarchy.BC, Clock.systemUTC(),
                Duration.ofMinutes(5)), records);
        CaSigner deviceCa = CaSigner.of(token.requireKey(new KeyLabel("device-ca")),
                records.caCertificate("device-ca").orElseThrow());
        TokenSealSigner sealer = new TokenSealSigner(token, token.requireKey(new KeyLabel("audit")), TestHierarchy.BC);
        KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(new ECGenParameterSpec("secp256r1"));
        System.out.println("ready");
        System.out.flush();
        for (long n = 0; ; n++) {
            String id = "crash-" + System.nanoTime();
            issuer.issue(new CertificateIssuer.Request(TestHierarchy.profile("mqtt-device"), new SubjectData(
                    Names.subject(TestHierarchy.DN, id), List.of(
                            new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://fleet.example.com/device/" + id),
                            new GeneralName(GeneralName.dNSName, id + ".local")),
                    SubjectPublicKeyInfo.getInstance(keys.generateKeyPair().getPublic().getEncoded())),
                    deviceCa, Optional.empty(), Optional.empty()), false);
            if (n % 10 == 9) {
                audit.seal(sealer);
            }
        }
    }
}
