package dev.ceremony.bench;

import dev.ceremony.audit.SealedLog;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.pkcs11.Pkcs11TokenDriver;
import dev.ceremony.pki.Pem;
import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.StrictYaml;
import dev.ceremony.yaml.TokenFamilyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Writes the log {@code bin/bench-audit-by-hand} times the by-hand recipe on: the verifier tests'
 * small sealed log (root and audit certificate on a rehearsal token), grown to N records with a
 * seal every K. Not a test. Arguments: CEREMONY_YAML DIR N K (PIN in $CEREMONY_PIN); writes
 * DIR/audit.jsonl and DIR/root.pem.
 */
public final class AuditLogBenchmarkWriter {

    private AuditLogBenchmarkWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: AuditLogBenchmarkWriter CEREMONY_YAML DIR N SEAL-EVERY  (PIN in $CEREMONY_PIN)");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        int records = Integer.parseInt(args[2]);
        int sealEvery = Integer.parseInt(args[3]);
        StrictYaml yaml = new StrictYaml();
        ApplianceConfig config = new ApplianceConfigReader(yaml).read(Path.of(args[0]));
        try (Token token = new Pkcs11TokenDriver(JdkCryptoki::load, 1).open(new TokenFamilyReader(yaml)
                .read(config.token().hsmConfig()), config.token().label(), config.token().serial())) {
            try (Pin pin = Pin.of(System.getenv("CEREMONY_PIN").toCharArray())) {
                token.login(pin, FinalTryConfirmation.REFUSE);
            }
            Path log = dir.resolve("audit.jsonl");
            SealedLog sealed = SealedLog.build(token, log, "bench-audit", "bench-root");
            Files.writeString(dir.resolve("root.pem"), Pem.certificate(sealed.root()));
            try (AuditLogFile audit = AuditLogFile.open(log, Clock.systemUTC())) {
                for (int n = SealedLog.lines(sealed.bytes()).size(); n < records; n++) {
                    if ((n + 1) % sealEvery == 0 || n == records - 1) {
                        audit.seal(sealed.signer());
                    } else {
                        audit.append("certificate-issued", Map.of("profile", "mqtt-device", "serial",
                                Long.toHexString(0x5eed_0000_0000L + n), "subject", "CN=device-" + n));
                    }
                }
            }
        }
    }
}
