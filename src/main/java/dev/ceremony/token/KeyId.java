package dev.ceremony.token;

import java.util.Arrays;
import java.util.HexFormat;

/** The CKA_ID of a key pair: shared by its private and public objects. */
public final class KeyId {

    private final byte[] bytes;

    private KeyId(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static KeyId of(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("key id must not be null");
        }
        return new KeyId(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
