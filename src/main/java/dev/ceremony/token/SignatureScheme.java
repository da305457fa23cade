package dev.ceremony.token;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
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
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha384WithRSAEncryption, DERNull.INSTANCE)),
    /** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt: the optional RSA scheme. */
    RSA_PSS_SHA256(KeyType.RSA, "SHA-256", "SHA256withRSAandMGF1",
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1,
                            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)),
                    new ASN1Integer(32), new ASN1Integer(1))));

    /** Salt length of {@link #RSA_PSS_SHA256}: the digest length. */
    public static final int PSS_SALT_BYTES = 32;

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

    /** JCA name of the signature algorithm, for verification with BouncyCastle's provider. */
    public String jcaName() {
        return jcaName;
    }

    /** The X.509 AlgorithmIdentifier of signatures made with this scheme. */
    public AlgorithmIdentifier algorithmIdentifier() {
        return algorithmIdentifier;
    }
}
