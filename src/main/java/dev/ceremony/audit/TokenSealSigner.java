package dev.ceremony.audit;

import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenContentSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.security.Provider;
import java.util.Objects;

/** Seals signed by the audit key on the token, each signature verified before it is used. */
public final class TokenSealSigner implements SealSigner {

    private final Token token;
    private final KeyHandle key;
    private final Provider verifier;

    public TokenSealSigner(Token token, KeyHandle key, Provider verifier) {
        this.token = Objects.requireNonNull(token, "token");
        this.key = Objects.requireNonNull(key, "key");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        key.requirePublicKey();
    }

    @Override
    public String keySha256() {
        return key.publicKeySha256().orElseThrow();
    }

    @Override
    public String algorithm() {
        return key.requireSpec().defaultScheme().name();
    }

    @Override
    public byte[] sign(byte[] message) {
        TokenContentSigner signer = new TokenContentSigner(token, key, key.requireSpec().defaultScheme(), verifier);
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot buffer the seal", e);
        }
        return signer.getSignature();
    }
}
