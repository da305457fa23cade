package dev.ceremony.token;

/** The closed set of key types Ceremony creates on a token: everything about a key that is not random. */
public enum KeySpec {
    EC_P256(KeyType.EC, 256, "1.2.840.10045.3.1.7", "P-256"),
    EC_P384(KeyType.EC, 384, "1.3.132.0.34", "P-384"),
    RSA_3072(KeyType.RSA, 3072, null, null),
    RSA_4096(KeyType.RSA, 4096, null, null);

    /** The public exponent of every RSA key Ceremony generates (F4). */
    public static final long RSA_PUBLIC_EXPONENT = 65_537L;

    private final KeyType type;
    private final int bits;
    private final String curveOid;
    private final String curveName;

    KeySpec(KeyType type, int bits, String curveOid, String curveName) {
        this.type = type;
        this.bits = bits;
        this.curveOid = curveOid;
        this.curveName = curveName;
    }

    public KeyType type() {
        return type;
    }

    /** Field size for EC keys, modulus length for RSA keys. */
    public int bits() {
        return bits;
    }

    /** The named curve's OID; only for EC keys. */
    public String curveOid() {
        if (type != KeyType.EC) {
            throw new IllegalStateException(this + " is not an EC key");
        }
        return curveOid;
    }

    /** The signature scheme used for this key unless a profile says otherwise. */
    public SignatureScheme defaultScheme() {
        return switch (this) {
            case EC_P256 -> SignatureScheme.ECDSA_SHA256;
            case EC_P384 -> SignatureScheme.ECDSA_SHA384;
            case RSA_3072, RSA_4096 -> SignatureScheme.RSA_PKCS1_SHA256;
        };
    }

    /** Name as people and YAML files write it: {@code EC-P256}, {@code RSA-3072}. */
    public String displayName() {
        return name().replace('_', '-');
    }

    /** Human description, e.g. {@code EC P-256} or {@code RSA 3072}. */
    public String description() {
        return type == KeyType.EC ? "EC " + curveName : "RSA " + bits;
    }

    /** Finds the spec of an EC key by curve OID, or of an RSA key by modulus length. */
    public static java.util.Optional<KeySpec> of(KeyType type, int bits, String curveOid) {
        for (KeySpec spec : values()) {
            if (spec.type != type) {
                continue;
            }
            if (type == KeyType.EC ? spec.curveOid.equals(curveOid) : spec.bits == bits) {
                return java.util.Optional.of(spec);
            }
        }
        return java.util.Optional.empty();
    }

    /** Parses the display name ({@code EC-P256}); the message lists the accepted names. */
    public static KeySpec parse(String text) {
        for (KeySpec spec : values()) {
            if (spec.displayName().equals(text)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + text + "'; expected one of " + displayNames());
    }

    /** The accepted names, for messages. */
    public static String displayNames() {
        StringBuilder names = new StringBuilder();
        for (KeySpec spec : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(spec.displayName());
        }
        return names.toString();
    }
}
