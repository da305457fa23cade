package dev.ceremony.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a records index, entry by entry in the order of issuance, with its count: two
 * copies of the records are compared by this, without holding either index.
 */
record IndexDigest(long entries, String sha256) {

    static IndexDigest of(CaRecords records) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        long[] entries = {0};
        records.forEachIssued(entry -> {
            entries[0]++;
            digest.update((entry + "\n").getBytes(StandardCharsets.UTF_8));
        });
        return new IndexDigest(entries[0], HexFormat.of().formatHex(digest.digest()));
    }
}
