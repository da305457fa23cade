package dev.ceremony.pki.csr;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * The signature algorithms a request may be signed with: those of the key types the policy
 * accepts (ECDSA for EC keys; RSA PKCS#1 v1.5 or RSASSA-PSS for RSA keys), with SHA-256 or a
 * stronger hash. A SHA-1 (or MD5) self-signature proves possession with a hash that collides, so
 * the request is refused by the algorithm's name rather than quietly accepted.
 */
final class RequestSignatures {

    private static final Set<ASN1ObjectIdentifier> ECDSA = Set.of(X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512);
    private static final Set<ASN1ObjectIdentifier> RSA = Set.of(PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption);
    private static final Set<ASN1ObjectIdentifier> PSS_HASHES = Set.of(NISTObjectIdentifiers.id_sha256,
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private static final Map<ASN1ObjectIdentifier, String> RFC_NAMES = Map.of(
            PKCSObjectIdentifiers.md5WithRSAEncryption, "md5WithRSAEncryption",
            PKCSObjectIdentifiers.sha1WithRSAEncryption, "sha1WithRSAEncryption",
            PKCSObjectIdentifiers.sha224WithRSAEncryption, "sha224WithRSAEncryption",
            X9ObjectIdentifiers.ecdsa_with_SHA1, "ecdsa-with-SHA1",
            X9ObjectIdentifiers.ecdsa_with_SHA224, "ecdsa-with-SHA224",
            X9ObjectIdentifiers.id_dsa_with_sha1, "dsa-with-sha1",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS with a hash or mask hash below SHA-256");

    private RequestSignatures() {
    }

    /** Why the request's signature algorithm is not accepted for its key, or empty. */
    static Optional<String> problem(AlgorithmIdentifier signature, SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = signature.getAlgorithm();
        ASN1ObjectIdentifier keyType = key.getAlgorithm().getAlgorithm();
        boolean accepted;
        String allowed;
        if (keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            accepted = ECDSA.contains(algorithm);
            allowed = "ecdsa-with-SHA256, -SHA384 or -SHA512";
        } else if (keyType.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            accepted = RSA.contains(algorithm) || isStrongPss(signature);
            allowed = "sha256WithRSAEncryption (or SHA-384, SHA-512) or RSASSA-PSS with SHA-256 or stronger";
        } else {
            return Optional.empty();
        }
        if (accepted) {
            return Optional.empty();
        }
        return Optional.of("the request is signed with " + name(signature) + "; for its key type only " + allowed
                + " are accepted: ask the requester to sign the request again with SHA-256");
    }

    private static boolean isStrongPss(AlgorithmIdentifier signature) {
        if (!signature.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return false;
        }
        try {
            RSASSAPSSparams params = RSASSAPSSparams.getInstance(signature.getParameters());
            AlgorithmIdentifier maskHash = params == null ? null
                    : AlgorithmIdentifier.getInstance(params.getMaskGenAlgorithm().getParameters());
            return maskHash != null && PSS_HASHES.contains(params.getHashAlgorithm().getAlgorithm())
                    && PSS_HASHES.contains(maskHash.getAlgorithm());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The algorithm as RFC 3279 and 5758 name it, else as BouncyCastle does, with its OID. */
    private static String name(AlgorithmIdentifier signature) {
        String name = RFC_NAMES.getOrDefault(signature.getAlgorithm(),
                new DefaultAlgorithmNameFinder().getAlgorithmName(signature));
        return name.equals(signature.getAlgorithm().getId()) ? name : name + " (" + signature.getAlgorithm().getId()
                + ")";
    }
}
