package dev.ceremony.pki;

import java.io.IOException;
import java.security.Provider;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signature verifiers for a public key. An EC key goes through BouncyCastle's lightweight API,
 * straight from the SubjectPublicKeyInfo to the curve's own arithmetic: measured on the bench's
 * P-256 requests and certificates, about half the time of the JCA route (a KeyFactory, then a
 * Signature per verification). Other keys (RSA) go through the JCA with the given provider.
 */
public final class ContentVerifiers {

    private ContentVerifiers() {
    }

    /** @throws OperatorCreationException when the key cannot be read for verifying */
    public static ContentVerifierProvider of(SubjectPublicKeyInfo key, Provider provider)
            throws OperatorCreationException {
        if (key.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            try {
                return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                        .build(PublicKeyFactory.createKey(key));
            } catch (IOException | IllegalArgumentException e) {
                throw new OperatorCreationException("the EC key cannot be read: " + e.getMessage(), e);
            }
        }
        return new JcaContentVerifierProviderBuilder().setProvider(provider).build(key);
    }
}
