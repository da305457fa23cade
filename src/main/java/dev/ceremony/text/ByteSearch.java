package dev.ceremony.text;

/** Finds ASCII text in a byte range without making a String of it (scanning large logs). */
public final class ByteSearch {

    private ByteSearch() {
    }

    /** Whether {@code bytes[from, to)} hold {@code marker}. */
    public static boolean contains(byte[] bytes, int from, int to, byte[] marker) {
        return indexOf(bytes, from, to, marker) >= 0;
    }

    /** Where {@code marker} first starts in {@code bytes[from, to)}, or -1. */
    public static int indexOf(byte[] bytes, int from, int to, byte[] marker) {
        int last = to - marker.length;
        outer:
        for (int at = from; at <= last; at++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[at + j] != marker[j]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }
}
