package dev.ceremony.quorum;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * What the records keep to check a combined secret before it goes near the token: Argon2id of the
 * secret with a random salt, slow on purpose (64 MiB, 3 passes), so that a copy of the records
 * cannot be used to try PINs fast. A wrong combination is caught here and never costs a PIN try.
 *
 * @param memoryKiB Argon2 memory in KiB
 */
public record PinVerifier(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {

    /** The cost of a new verifier: 64 MiB and 3 passes, one lane. */
    public static final int MEMORY_KIB = 64 * 1024;
    public static final int ITERATIONS = 3;

    public PinVerifier {
        if (memoryKiB < 8 * 1024 || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("an Argon2 verifier needs at least 8 MiB, one pass and one lane");
        }
        salt = Objects.requireNonNull(salt, "salt").clone();
        hash = Objects.requireNonNull(hash, "hash").clone();
        if (salt.length < 16 || hash.length != 32) {
            throw new IllegalArgumentException("a verifier has a salt of 16 bytes or more and a 32-byte hash");
        }
    }

    /** A new verifier of {@code secret}, with a fresh salt. */
    public static PinVerifier of(byte[] secret, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new PinVerifier(MEMORY_KIB, ITERATIONS, 1, salt, derive(secret, MEMORY_KIB, ITERATIONS, 1, salt));
    }

    /** Whether {@code secret} is the one this verifier was made from (compared in constant time). */
    public boolean matches(byte[] secret) {
        byte[] candidate = derive(secret, memoryKiB, iterations, parallelism, salt);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    /** The verifier as one line for the records: {@code argon2id$m=…,t=…,p=…$salt$hash}. */
    public String text() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "argon2id$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$" + base64.encodeToString(salt)
                + "$" + base64.encodeToString(hash);
    }

    /** Reads {@link #text()}. */
    public static PinVerifier parse(String text) {
        String[] parts = text.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals("argon2id") || !parts[1].matches("m=\\d+,t=\\d+,p=\\d+")) {
            throw new IllegalArgumentException("not a PIN verifier: expected argon2id$m=…,t=…,p=…$salt$hash");
        }
        String[] cost = parts[1].split(",");
        try {
            return new PinVerifier(Integer.parseInt(cost[0].substring(2)), Integer.parseInt(cost[1].substring(2)),
                    Integer.parseInt(cost[2].substring(2)), Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the PIN verifier's cost is not a number", e);
        }
    }

    private static byte[] derive(byte[] secret, int memoryKiB, int iterations, int parallelism, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(
                Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB).withIterations(iterations)
                .withParallelism(parallelism).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(secret, out);
        return out;
    }

    @Override
    public String toString() {
        return "PinVerifier(argon2id, " + memoryKiB + " KiB, " + iterations + " passes)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PinVerifier that && text().equals(that.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }
}
