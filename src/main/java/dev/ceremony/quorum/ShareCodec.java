package dev.ceremony.quorum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A share as people read it aloud, write it down and type it back: Crockford base32 (no I, L, O
 * or U; typed I and L read as 1, O as 0; case, spaces and hyphens do not matter) in groups of four.
 * The text carries a version, the quorum id, M, N, the share's index, its value, and a check value
 * (24 bits of SHA-256 over all of that), so a mistyped character is caught as the share is typed,
 * before anything is combined or any token is touched.
 */
public final class ShareCodec {

    private static final int VERSION = 1;
    private static final int CHECK_BYTES = 3;
    /** Version, quorum id (4), M and N (1), index (1). */
    private static final int HEADER_BYTES = 7;

    /** The share as groups of four characters joined by hyphens. */
    public String encode(Share share) {
        byte[] value = share.value();
        byte[] payload = new byte[HEADER_BYTES + value.length + CHECK_BYTES];
        payload[0] = VERSION;
        System.arraycopy(share.quorum().idBytes(), 0, payload, 1, 4);
        payload[5] = (byte) ((share.quorum().threshold() - 1) << 4 | (share.quorum().shares() - 1));
        payload[6] = (byte) (share.index() - 1);
        System.arraycopy(value, 0, payload, HEADER_BYTES, value.length);
        Arrays.fill(value, (byte) 0);
        System.arraycopy(check(payload, payload.length - CHECK_BYTES), 0, payload, payload.length - CHECK_BYTES,
                CHECK_BYTES);
        String text = new String(Base32.encode(payload));
        Arrays.fill(payload, (byte) 0);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < text.length(); i += 4) {
            if (i > 0) {
                grouped.append('-');
            }
            grouped.append(text, i, Math.min(text.length(), i + 4));
        }
        return grouped.toString();
    }

    /**
     * Reads a typed share.
     *
     * @param valueLength the length of the shared secret, in bytes
     * @throws QuorumException naming what is wrong: a character outside the alphabet, the length, the check
     */
    public Share decode(CharSequence typed, int valueLength) {
        StringBuilder normal = new StringBuilder();
        for (int i = 0; i < typed.length(); i++) {
            char c = Character.toUpperCase(typed.charAt(i));
            if (c == ' ' || c == '-') {
                continue;
            }
            c = c == 'I' || c == 'L' ? '1' : c == 'O' ? '0' : c;
            if (Base32.ALPHABET.indexOf(c) < 0) {
                throw new QuorumException("the share holds '" + (Character.isISOControl(typed.charAt(i)) ? "?"
                        : typed.charAt(i)) + "', which is not one of its characters (0-9 and A-Z without I, L, O, U)");
            }
            normal.append(c);
        }
        int bytes = HEADER_BYTES + valueLength + CHECK_BYTES;
        int expected = (bytes * 8 + 4) / 5;
        if (normal.length() != expected) {
            throw new QuorumException("the share has " + normal.length() + " characters where " + expected + " were "
                    + "expected: a group is missing or doubled");
        }
        byte[] payload = Base32.decode(normal, bytes);
        try {
            byte[] check = check(payload, payload.length - CHECK_BYTES);
            if (!MessageDigest.isEqual(check, Arrays.copyOfRange(payload, payload.length - CHECK_BYTES,
                    payload.length)) || !Arrays.equals(Base32.encode(payload), normal.toString().toCharArray())) {
                throw new QuorumException("the share's check value does not match: a character was mistyped. Read "
                        + "the share again, group by group");
            }
            if (payload[0] != VERSION) {
                throw new QuorumException("the share is of version " + payload[0] + ", which this program does not "
                        + "read");
            }
            int threshold = (payload[5] >> 4 & 0x0F) + 1;
            int shares = (payload[5] & 0x0F) + 1;
            Quorum quorum;
            try {
                quorum = new Quorum(HexFormat.of().formatHex(payload, 1, 5), threshold, shares);
            } catch (IllegalArgumentException e) {
                throw new QuorumException("the share names an impossible quorum: " + e.getMessage());
            }
            int index = (payload[6] & 0xFF) + 1;
            if (index > shares) {
                throw new QuorumException("the share says it is share " + index + " of only " + shares);
            }
            byte[] value = Arrays.copyOfRange(payload, HEADER_BYTES, HEADER_BYTES + valueLength);
            try {
                return new Share(quorum, index, value);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    private static byte[] check(byte[] payload, int length) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(payload, 0, length);
            return Arrays.copyOf(sha256.digest(), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
