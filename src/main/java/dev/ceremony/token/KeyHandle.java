package dev.ceremony.token;

import dev.ceremony.text.Printable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A key pair on the token, as Ceremony knows it: label, CKA_ID, public key and the attributes read
 * back from the token. It holds no private material and cannot: the private key never leaves
 * the token.
 *
 * @param label the CKA_LABEL exactly as the token reports it (keys made by other tools may carry
 *     labels that {@link KeyLabel} would refuse; escape before display)
 * @param spec empty for keys of a type Ceremony does not create (they are listed, never used)
 * @param publicKey empty when the token holds no public-key object for this key
 */
public record KeyHandle(
        String label,
        KeyId id,
        KeyType type,
        Optional<KeySpec> spec,
        Optional<PublicKey> publicKey,
        KeyAttributes attributes) {

    public KeyHandle {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(attributes, "attributes");
    }

    /** The public key, or a refusal saying why this key cannot be used. */
    public PublicKey requirePublicKey() {
        return publicKey.orElseThrow(() -> new TokenException(TokenException.Reason.KEY_UNUSABLE,
                "key '" + Printable.escape(label) + "' has no public-key object on the token, so its public key cannot be read. "
                        + "Ceremony keeps one beside every key it creates; this key was made by another tool."));
    }

    /** The key spec, or a refusal saying why this key cannot be used. */
    public KeySpec requireSpec() {
        return spec.orElseThrow(() -> new TokenException(TokenException.Reason.KEY_UNUSABLE,
                "key '" + Printable.escape(label) + "' is of a type Ceremony does not use (" + type + "); supported: "
                        + KeySpec.displayNames()));
    }

    /** SHA-256 over the DER SubjectPublicKeyInfo, in lower-case hex; empty without a public key. */
    public Optional<String> publicKeySha256() {
        return publicKey.map(key -> {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        });
    }
}
