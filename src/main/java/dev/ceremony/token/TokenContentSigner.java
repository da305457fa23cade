package dev.ceremony.token;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * A BouncyCastle {@link ContentSigner} whose signatures are made by a key on the token. Every
 * signature is verified with the key's public key before it is handed out: a token that
 * returns a bad signature fails the operation instead of producing a bad certificate.
 *
 * <p>One instance signs one message, as BouncyCastle's builders expect.
 */
public final class TokenContentSigner implements ContentSigner {

    private final Token token;
    private final KeyHandle key;
    private final SignatureScheme scheme;
    private final Provider verifier;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /**
     * @param verifier the JCA provider that verifies each signature (BouncyCastle: faster than SunEC)
     */
    public TokenContentSigner(Token token, KeyHandle key, SignatureScheme scheme, Provider verifier) {
        this.token = Objects.requireNonNull(token, "token");
        this.key = Objects.requireNonNull(key, "key");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (key.type() != scheme.keyType()) {
            throw new TokenException(TokenException.Reason.KEY_UNUSABLE, "key '" + key.label() + "' is "
                    + key.type() + " and cannot sign with " + scheme);
        }
        key.requirePublicKey();
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return scheme.algorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        byte[] message = buffer.toByteArray();
        byte[] signature = token.sign(key, scheme, message);
        if (!verifies(message, signature)) {
            throw new TokenException(TokenException.Reason.SIGNATURE_INVALID, "the token returned a signature by key '"
                    + key.label() + "' that does not verify with that key's public key; nothing was issued");
        }
        return signature;
    }

    private boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature check = Signature.getInstance(scheme.jcaName(), verifier);
            check.initVerify(key.requirePublicKey());
            check.update(message);
            return check.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
