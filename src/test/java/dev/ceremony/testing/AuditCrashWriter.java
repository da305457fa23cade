package dev.ceremony.testing;

import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.files.AuditLogFile;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.pkcs11.Pkcs11TokenDriver;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.yaml.StrictYaml;
import dev.ceremony.yaml.TokenFamilyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a child JVM by the crash test: opens (or creates) the audit log and appends and seals
 * in a loop until it is killed. Prints "ready" once it has sealed for the first time.
 * Arguments: LOG TOKEN-LABEL PIN AUDIT-KEY-LABEL.
 */
public final class AuditCrashWriter {

    private AuditCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        var family = new TokenFamilyReader(new StrictYaml()).read(TestToken.projectDir().resolve("hsm-config/softhsm2.yaml"));
        Token token = new Pkcs11TokenDriver(JdkCryptoki::load, 1).open(family, args[1], Optional.empty());
        try (Pin pin = Pin.of(args[2].toCharArray())) {
            token.login(pin, identity -> false);
        }
        KeyHandle auditKey = token.requireKey(new KeyLabel(args[3]));
        TokenSealSigner signer = new TokenSealSigner(token, auditKey, TestHierarchy.BC);
        AuditLogFile audit = Files.exists(log) ? AuditLogFile.open(log, Clock.systemUTC())
                : AuditLogFile.create(log, Clock.systemUTC(), "crash-ceremony", auditKey.requirePublicKey().getEncoded(),
                        Map.of());
        audit.seal(signer);
        System.out.println("ready");
        System.out.flush();
        for (long n = 0; ; n++) {
            audit.append("event", Map.of("n", n, "text", "record " + n + " of a run that will be killed"));
            if (n % 5 == 4) {
                audit.seal(signer);
            }
        }
    }
}
