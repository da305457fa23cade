package dev.ceremony.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A compact index of many keys (serials, public-key hashes, subject names) for the records of
 * large batches: each key is kept as the first 64 bits of its SHA-256, and maps to a dense number
 * (0, 1, 2... in the order added) under which a caller keeps its own primitive columns. About 24
 * bytes a key, where a map of strings takes hundreds.
 *
 * <p>Two keys share a digest with a chance of about n&sup2;/2<sup>65</sup> (3&middot;10<sup>-10</sup>
 * for 100,000 keys). Callers use it where a false "already there" fails closed: a serial drawn
 * again, a request refused. Not thread-safe.
 */
public final class DigestIndex {

    private static final long EMPTY = 0L;
    /** Stands for the one digest that equals {@link #EMPTY}. */
    private static final long ZERO_DIGEST = 0x9E3779B97F4A7C15L;

    private long[] digests = new long[64];
    private int[] numbers = new int[64];
    private int size;

    /** The 64-bit digest of a text key. */
    public static long digest(String key) {
        return digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The 64-bit digest of a binary key. */
    public static long digest(byte[] key) {
        try {
            long digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key)).getLong();
            return digest == EMPTY ? ZERO_DIGEST : digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** How many keys were added. */
    public int size() {
        return size;
    }

    /** The number of the key with this digest, or -1. */
    public int find(long digest) {
        int mask = digests.length - 1;
        for (int slot = spread(digest) & mask; digests[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (digests[slot] == digest) {
                return numbers[slot];
            }
        }
        return -1;
    }

    public boolean contains(long digest) {
        return find(digest) >= 0;
    }

    /** Adds the digest if it is new; returns its number, old or new. */
    public int add(long digest) {
        if (digest == EMPTY) {
            throw new IllegalArgumentException("digest 0 is reserved; use digest()");
        }
        int known = find(digest);
        if (known >= 0) {
            return known;
        }
        if ((size + 1) * 2 > digests.length) {
            grow();
        }
        place(digest, size);
        return size++;
    }

    /** Adds the digest; false if it was already there. */
    public boolean addNew(long digest) {
        int before = size;
        add(digest);
        return size > before;
    }

    private void place(long digest, int number) {
        int mask = digests.length - 1;
        int slot = spread(digest) & mask;
        while (digests[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        digests[slot] = digest;
        numbers[slot] = number;
    }

    private void grow() {
        long[] oldDigests = digests;
        int[] oldNumbers = numbers;
        digests = new long[oldDigests.length * 2];
        numbers = new int[oldDigests.length * 2];
        for (int i = 0; i < oldDigests.length; i++) {
            if (oldDigests[i] != EMPTY) {
                place(oldDigests[i], oldNumbers[i]);
            }
        }
    }

    private static int spread(long digest) {
        return (int) (digest ^ (digest >>> 32));
    }

    /** Grows a column of a caller to hold {@code number}. */
    public static long[] fit(long[] column, int number) {
        return number < column.length ? column : Arrays.copyOf(column, Math.max(16, column.length * 2));
    }

    /** Grows a column of a caller to hold {@code number}. */
    public static int[] fit(int[] column, int number) {
        return number < column.length ? column : Arrays.copyOf(column, Math.max(16, column.length * 2));
    }

    /** Grows a column of a caller to hold {@code number}. */
    public static byte[] fit(byte[] column, int number) {
        return number < column.length ? column : Arrays.copyOf(column, Math.max(16, column.length * 2));
    }
}
