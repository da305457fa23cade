package dev.ceremony.bench;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.pkcs11.JdkCryptoki;
import dev.ceremony.pkcs11.Pkcs11TokenDriver;
import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.yaml.ApplianceConfigReader;
import dev.ceremony.yaml.StrictYaml;
import dev.ceremony.yaml.TokenFamilyReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Raw signatures per second through the token layer, and key-generation time, for the key
 * types CA keys use. Not a test: it prints figures (medians of several rounds) and asserts
 * nothing. Run it with {@code bin/bench-token}.
 */
public final class TokenSignBenchmark {

    private static final int ROUNDS = 5;
    private static final long ROUND_MILLIS = 2_000;
    private static final KeySpec[] SPECS = {KeySpec.EC_P256, KeySpec.EC_P384, KeySpec.RSA_3072};

    private TokenSignBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: TokenSignBenchmark CEREMONY_YAML [KEY-SPEC,...]  (PIN in $CEREMONY_PIN)");
            System.exit(2);
        }
        KeySpec[] specs = args.length == 1 ? SPECS : Arrays.stream(args[1].split(","))
                .map(name -> dev.ceremony.text.KebabCase.parse(KeySpec.class, name)).toArray(KeySpec[]::new);
        StrictYaml yaml = new StrictYaml();
        ApplianceConfig config = new ApplianceConfigReader(yaml).read(Path.of(args[0]));
        TokenFamily family = new TokenFamilyReader(yaml).read(config.token().hsmConfig());
        BouncyCastleProvider bc = new BouncyCastleProvider();
        try (Token token = new Pkcs11TokenDriver(JdkCryptoki::load, 2)
                .open(family, config.token().label(), config.token().serial())) {
            try (Pin pin = Pin.of(System.getenv("CEREMONY_PIN").toCharArray())) {
                token.login(pin, FinalTryConfirmation.REFUSE);
            }
            System.out.printf("Token: %s %s, firmware %s; Java %s; %d cores; %d rounds of %d ms, medians%n",
                    token.identity().manufacturer(), token.identity().model(), token.identity().firmwareVersion(),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), ROUNDS,
                    ROUND_MILLIS);
            System.out.printf("%-9s %12s %14s %14s %14s%n", "key", "keygen ms", "sign/s 1 thr", "sign/s 2 thr",
                    "sign+verify/s");
            for (KeySpec spec : specs) {
                double keygen = keygenMillis(token, spec);
                KeyHandle key = token.generateKeyPair(new KeyLabel("bench-" + spec.displayName() + "-"
                        + System.nanoTime()), spec);
                double one = median(() -> rate(token, key, 1, false, bc));
                double two = median(() -> rate(token, key, 2, false, bc));
                double verified = median(() -> rate(token, key, 1, true, bc));
                System.out.printf("%-9s %12.1f %14.0f %14.0f %14.0f%n", spec.displayName(), keygen, one, two, verified);
            }
        }
    }

    private static double keygenMillis(Token token, KeySpec spec) {
        int count = spec.type() == dev.ceremony.token.KeyType.RSA ? 3 : ROUNDS;
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            KeyHandle key = token.generateKeyPair(new KeyLabel("keygen-" + spec.displayName() + "-" + System.nanoTime()), spec);
            millis[i] = (System.nanoTime() - start) / 1e6;
            token.destroyKey(key);
        }
        return median(millis);
    }

    @FunctionalInterface
    private interface Measurement {
        double run() throws Exception;
    }

    private static double median(Measurement measurement) throws Exception {
        double[] values = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            values[i] = measurement.run();
        }
        return median(values);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Signatures per second over one round, with {@code threads} threads each on its own session. */
    private static double rate(Token token, KeyHandle key, int threads, boolean verify, BouncyCastleProvider bc)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS);
            long start = System.nanoTime();
            List<Future<Long>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    byte[] message = "a to-be-signed certificate of about this length, give or take"
                            .repeat(6).getBytes(StandardCharsets.UTF_8);
                    Signature verifier = Signature.getInstance(key.requireSpec().defaultScheme().jcaName(), bc);
                    long done = 0;
                    while (System.nanoTime() < deadline) {
                        message[0] = (byte) done;
                        byte[] signature = token.sign(key, key.requireSpec().defaultScheme(), message);
                        if (verify) {
                            verifier.initVerify(key.requirePublicKey());
                            verifier.update(message);
                            if (!verifier.verify(signature)) {
                                throw new IllegalStateException("signature did not verify");
                            }
                        }
                        done++;
                    }
                    return done;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
