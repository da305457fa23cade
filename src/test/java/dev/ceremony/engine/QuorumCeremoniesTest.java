package dev.ceremony.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.pkcs11.FaultyCryptoki;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.testing.SecretScan;
import dev.ceremony.testing.ShareFiles;
import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestCli;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The M-of-N scheme end to end, in batch mode on a rehearsal SoftHSM2 token (shares in files, as
 * rehearsals take them): quorum-setup after the root ceremony, any M of N shares log in, M-1 shares,
 * a mistyped share and a share of another quorum are refused before any C_Login (counted at the
 * PKCS#11 seam), re-sharing the SO PIN and the user PIN, old shares refused afterwards, and a scan
 * of every byte written for the PINs and the shares.
 */
@SoftHsm
class QuorumCeremoniesTest {

    @TempDir
    Path dir;

    private Path config;
    private Path export;
    private final List<String> terminal = new ArrayList<>();
    private FaultyCryptoki counted;

    private TestCli.Result run(TestToken token, String script, List<String> more) {
        counted = null;
        List<String> args = new ArrayList<>(List.of("run", script, more.contains("--abort") ? "--operator" : "--batch",
                more.contains("--abort") ? "Alice Admin" : "--operator", "--config", config.toString(), "--witness",
                "Wendy Witness"));
        if (!more.contains("--abort")) {
            args.add(4, "Alice Admin");
        }
        args.addAll(more);
        TestCli cli = new TestCli(dir, Map.of("CEREMONY_PIN", token.userPin(), "CEREMONY_DEBUG_LOG",
                dir.resolve("debug.log").toString()), library -> {
                    counted = new FaultyCryptoki(JdkCryptoki.load(library), 0, null);
                    return counted;
                });
        TestCli.Result result = cli.run(args.toArray(String[]::new));
        terminal.add(result.all());
        return result;
    }

    private TestCli.Result completes(TestToken token, String script, List<String> more) {
        TestCli.Result result = run(token, script, more);
        assertThat(result.status()).as(script + ":\n" + result.all()).isZero();
        assertThat(result.out()).contains(" completed.");
        return result;
    }

    /** Ends the quorum-check a refusal left unfinished, logging in with {@code shares}. */
    private void abort(TestToken token, List<Path> shares) {
        List<String> args = new ArrayList<>(List.of("--abort", "the shares were refused"));
        args.addAll(shareFiles(shares));
        TestCli.Result result = run(token, "quorum-check", args);
        assertThat(result.status()).as(result.all()).isZero();
    }

    private static List<String> shareFiles(List<Path> shares) {
        List<String> args = new ArrayList<>();
        shares.forEach(share -> args.addAll(List.of("--share-file", share.toString())));
        return args;
    }

    private Path secretFile(String name, String content) throws IOException {
        Path file = dir.resolve("secret").resolve(name);
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + "\n");
        return file;
    }

    @Test
    void setup_anyMofN_refusalsBeforeTheToken_resharing_andNoSecretWritten(TestToken token) throws Exception {
        config = token.writeApplianceConfig(dir.resolve("appliance"), List.of("preflight:", "  allow-network: true"));
        export = Files.createDirectories(dir.resolve("usb-export"));
        Path shares = Files.createDirectories(dir.resolve("secret/shares"));
        completes(token, "root-ca", List.of("--export", export.toString()));

        completes(token, "quorum-setup", List.of("--share-out", shares.toString(), "--so-pin-file",
                secretFile("so-pin", token.soPin()).toString(), "--param", "custodians=Ann, Bob, Cid, Dee",
                "--param", "threshold=3", "--param", "so-custodians=Sam, Sue, Sid", "--param", "so-threshold=2"));
        List<Path> user = ShareFiles.named(shares, "user-");
        List<Path> so = ShareFiles.named(shares, "so-");
        assertThat(user).hasSize(4);
        assertThat(so).hasSize(3);
        String userPin = ShareFiles.pinOf(user.subList(0, 3));
        String soPin = ShareFiles.pinOf(so.subList(1, 3));
        assertThat(userPin).hasSize(20).isNotEqualTo(token.userPin());

        // Any 3 of the 4, in any order, log in.
        for (int left = 0; left < 4; left++) {
            List<Path> three = new ArrayList<>(user);
            three.remove(left);
            java.util.Collections.reverse(three);
            TestCli.Result check = completes(token, "quorum-check", shareFiles(three));
            assertThat(check.out()).contains("give the PIN that quorum");
            assertThat(counted.logins.get()).as("the seam counts the one C_Login of a good login").isEqualTo(1);
        }

        // Refused before the token: no C_Login at all, and the token's PIN counter untouched.
        Path typo = secretFile("typo", mistype(Files.readString(user.get(0)).strip()));
        List<List<Path>> refused = List.of(user.subList(0, 2), List.of(typo, user.get(1), user.get(2)),
                List.of(so.get(0), user.get(1), user.get(2)));
        List<String> why = List.of("no share file is left", "check value does not match", "but the user PIN of this "
                + "token is under quorum");
        for (int i = 0; i < refused.size(); i++) {
            TestCli.Result result = run(token, "quorum-check", shareFiles(refused.get(i)));
            assertThat(result.status()).as(result.all()).isEqualTo(1);
            assertThat(result.all()).contains(why.get(i)).contains("No login was tried");
            assertThat(counted).as("the token was opened through the counting seam").isNotNull();
            assertThat(counted.logins.get()).as("C_Login calls for refused shares").isZero();
            abort(token, List.of(user.get(0), user.get(1), user.get(3)));
        }
        try (Token opened = token.open()) {
            assertThat(opened.pinState().countLow()).as("CKF_USER_PIN_COUNT_LOW after the refusals").isFalse();
        }

        // Re-share the SO PIN (the SO quorum's shares give the old SO PIN), then the user PIN.
        Path soShares = Files.createDirectories(dir.resolve("secret/so-shares"));
        List<String> reshareSo = new ArrayList<>(List.of("--share-out", soShares.toString(), "--param", "pin=so",
                "--param", "custodians=Tom, Tim", "--param", "threshold=2"));
        reshareSo.addAll(shareFiles(List.of(user.get(3), so.get(2), user.get(1), so.get(0), user.get(0))));
        completes(token, "quorum-reshare", reshareSo);
        Path newShares = Files.createDirectories(dir.resolve("secret/new-shares"));
        List<String> reshareUser = new ArrayList<>(List.of("--share-out", newShares.toString(), "--param",
                "custodians=Eve, Fay, Gus", "--param", "threshold=2"));
        reshareUser.addAll(shareFiles(user.subList(1, 4)));
        completes(token, "quorum-reshare", reshareUser);
        List<Path> fresh = ShareFiles.named(newShares, "user-");
        assertThat(fresh).hasSize(3);
        String newPin = ShareFiles.pinOf(fresh.subList(0, 2));
        assertThat(newPin).isNotEqualTo(userPin);

        TestCli.Result old = run(token, "quorum-check", shareFiles(user.subList(0, 3)));
        assertThat(old.status()).isEqualTo(1);
        assertThat(old.all()).contains("an old share from before a re-sharing").contains("No login was tried");
        abort(token, List.of(fresh.get(2), fresh.get(0)));
        completes(token, "quorum-check", shareFiles(List.of(fresh.get(1), fresh.get(2))));
        TestCli.Result status = new TestCli(dir).run("status", "--config", config.toString());
        terminal.add(status.all());
        assertThat(status.out()).contains("user PIN           quorum " + fresh.get(0).getFileName().toString()
                .substring(5, 13) + " (2 of 3)").contains("custodians: Eve, Fay, Gus").contains("custodians: Tom, Tim");

        // The token: the new PIN logs in, the old ones do not.
        try (Token opened = token.open(); Pin pin = Pin.of(newPin.toCharArray())) {
            opened.login(pin, identity -> false);
        }
        try (Token opened = token.open(); Pin pin = Pin.of(userPin.toCharArray())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> opened.login(pin, identity -> false))
                    .hasMessageContaining("rejected the PIN");
        }
        TestCli.Result audit = new TestCli(dir).run("audit", "verify", config.getParent().resolve("records/audit.jsonl")
                .toString(), "--root", config.getParent().resolve("records/ca/root-ca.cert.pem").toString());
        assertThat(audit.out()).contains("Result: VALID");
        assertThat(dev.ceremony.testing.ConfirmedFirst.check(config.getParent().resolve("records/audit.jsonl")))
                .as("state-changing records checked").isGreaterThan(10);
        String log = Files.readString(config.getParent().resolve("records/audit.jsonl"));
        assertThat(log).contains("\"type\":\"share-handed-out\"").contains("\"custodian\":\"Dee\"")
                .contains("\"type\":\"quorum-login\"").contains("\"type\":\"pin-changed\"");

        // No PIN and no share anywhere but in the rehearsal's share files.
        List<String> secrets = new ArrayList<>(List.of(userPin, soPin, newPin, token.userPin(), token.soPin()));
        for (Path share : Stream.of(user, so, fresh, ShareFiles.named(soShares, "so-")).flatMap(List::stream).toList()) {
            String text = Files.readString(share).strip();
            secrets.add(text);
            secrets.add(text.replace("-", ""));
            secrets.add(text.substring(0, 29).replace("-", " "));
        }
        List<Path> written = SecretScan.filesHoldNone(dir, file -> file.startsWith(dir.resolve("secret")), secrets);
        assertThat(written).extracting(file -> file.getFileName().toString()).contains("audit.jsonl", "journal.jsonl")
                .anyMatch(name -> name.startsWith("quorum-setup-") && name.endsWith(".txt"));
        SecretScan.textsHoldNone(terminal, secrets);
    }

    @Test
    void productionToken_refusesShareFiles_andBatchQuorumScripts(TestToken token) throws Exception {
        config = token.writeApplianceConfig(dir.resolve("production"));
        Files.writeString(config, Files.readString(config).replace("  use: rehearsal\n", "  use: production\n"));
        Path share = secretFile("share", "0000-0000");
        TestCli.Result files = run(token, "quorum-check", List.of("--share-file", share.toString()));
        assertThat(files.status()).isNotZero();
        assertThat(files.all()).contains("production token").contains("only on a rehearsal token");
        TestCli.Result setup = run(token, "quorum-setup", List.of("--param", "custodians=Ann, Bob", "--param",
                "threshold=2", "--param", "so-custodians=Sam, Sue", "--param", "so-threshold=2"));
        assertThat(setup.status()).isNotZero();
        assertThat(setup.all()).contains("batch mode may not run quorum-setup on a production token");
    }

    /** The share with its fifth character replaced by another of the alphabet. */
    private static String mistype(String share) {
        char c = share.charAt(5);
        return share.substring(0, 5) + (c == 'Z' ? 'Y' : c == '9' ? 'A' : (char) (c + 1 == 'I' || c + 1 == 'L'
                || c + 1 == 'O' || c + 1 == 'U' ? c + 2 : c + 1)) + share.substring(6);
    }
}
