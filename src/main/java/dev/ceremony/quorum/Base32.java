package dev.ceremony.quorum;

/** Crockford's base32 alphabet (no I, L, O or U), most significant bits first, no padding. */
final class Base32 {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Base32() {
    }

    /** {@code bytes} as ceil(8n / 5) characters; the last one's spare low bits are zero. */
    static char[] encode(byte[] bytes) {
        char[] out = new char[(bytes.length * 8 + 4) / 5];
        int at = 0;
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out[at++] = ALPHABET.charAt(buffer >> (bits - 5) & 0x1F);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out[at] = ALPHABET.charAt(buffer << (5 - bits) & 0x1F);
        }
        return out;
    }

    /** The first {@code length} bytes that {@code text} (characters of the alphabet only) encodes. */
    static byte[] decode(CharSequence text, int length) {
        byte[] out = new byte[length];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            buffer = buffer << 5 | ALPHABET.indexOf(text.charAt(i));
            bits += 5;
            if (bits >= 8 && at < length) {
                out[at++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
