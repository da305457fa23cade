package dev.ceremony.token;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The closed set of signature schemes a token key signs with. */
public enum SignatureScheme {
    ECDSA_SHA256(KeyType.EC, "SHA-256", "SHA256withECDSA",
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256)),
    ECDSA_SHA384(KeyType.EC, "SHA-384", "SHA384withECDSA",
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384)),
    RSA_PKCS1_SHA256(KeyType.RSA, "SHA-256", "SHA256withRSA",
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)),
    RSA_PKCS1_SHA384(KeyType.RSA, "SHA-384", "SHA384withRSA",
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha384WithRSAEncryption, DERNull.INSTANCE));

    private final KeyType keyType;
    private final String digest;
    private final String jcaName;
    private final AlgorithmIdentifier algorithmIdentifier;

    SignatureScheme(KeyType keyType, String digest, String jcaName, AlgorithmIdentifier algorithmIdentifier) {
        this.keyType = keyType;
        this.digest = digest;
        this.jcaName = jcaName;
        this.algorithmIdentifier = algorithmIdentifier;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** JCA name of the message digest. */
    public String digest() {
        return digest;
    }

    /** JCA name of the signature algorithm, for verification. */
    public String jcaName() {
        return jcaName;
    }

    /** The X.509 AlgorithmIdentifier of signatures made with this scheme. */
    public AlgorithmIdentifier algorithmIdentifier() {
        return algorithmIdentifier;
    }
}
