package dev.ceremony.pkcs11;

import dev.ceremony.text.Printable;
import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.KeyAttributes;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyId;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.KeyType;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.SecretAccess;
import dev.ceremony.token.SignatureScheme;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.token.TokenIdentity;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_RSA_PKCS_PSS_PARAMS;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/** A {@link Token} on a PKCS#11 slot, reached through {@link Cryptoki}. */
final class Pkcs11Token implements Token {

    /** Length of the random CKA_ID given to each new key pair. */
    static final int KEY_ID_BYTES = 16;

    /** Most random bytes returned by one call; more is a mistake, not a need. */
    static final int MAX_RANDOM_BYTES = 1 << 20;

    private final Cryptoki cryptoki;
    private final TokenFamily family;
    private final long slot;
    private final TokenIdentity identity;
    private final SessionPool sessions;
    /** Object handles of private keys already found, so that signing needs no search. */
    private final Map<CachedKey, Long> privateHandles = new ConcurrentHashMap<>();
    private final Runnable onClose;
    private volatile boolean loggedIn;
    private boolean closed;

    /**
     * @param onClose run once when this token is closed (the driver forgets the slot)
     */
    Pkcs11Token(Cryptoki cryptoki, TokenFamily family, long slot, TokenIdentity identity, int maxSessions,
            Runnable onClose) throws PKCS11Exception {
        this.onClose = onClose;
        this.cryptoki = cryptoki;
        this.family = family;
        this.slot = slot;
        this.identity = identity;
        this.sessions = new SessionPool(cryptoki, slot, maxSessions);
    }

    @Override
    public TokenIdentity identity() {
        return identity;
    }

    @Override
    public TokenFamily family() {
        return family;
    }

    @Override
    public PinState pinState() {
        try {
            return TokenInfos.pinState(cryptoki.tokenInfo(slot));
        } catch (PKCS11Exception e) {
            throw failure("read the PIN state of", e);
        }
    }

    @Override
    public synchronized void login(Pin pin, FinalTryConfirmation confirmation) {
        if (loggedIn) {
            throw new TokenException(Reason.DEVICE_ERROR, "already logged in to token '" + identity.label() + "'");
        }
        PinState state = pinState();
        if (state.locked()) {
            throw new TokenException(Reason.PIN_LOCKED, "the user PIN of token '" + identity.label()
                    + "' is LOCKED. Ceremony did not try to log in. The token's security officer must unblock it "
                    + "with the SO PIN, using the vendor's tool.");
        }
        int min = Math.max(state.minLength(), family.pinMinLength());
        int max = Math.min(state.maxLength(), family.pinMaxLength());
        int length = pin.length();
        if (length < min || length > max) {
            throw new TokenException(Reason.PIN_INVALID, "the PIN has " + length + " characters, but token '"
                    + identity.label() + "' (" + family.description() + ") accepts " + min + " to " + max
                    + ". It was not sent, so no PIN try was used.");
        }
        if (state.finalTry() && !confirmation.confirmFinalTry(identity)) {
            throw new TokenException(Reason.FINAL_TRY_NOT_CONFIRMED, "token '" + identity.label()
                    + "' is at its FINAL TRY: one more wrong PIN locks it. The login was not attempted because "
                    + "nobody confirmed it.");
        }
        withSession(session -> pin.reveal(SecretAccess.TOKEN_LOGIN, chars -> {
            requireAscii(chars);
            try {
                cryptoki.login(session, chars);
            } catch (PKCS11Exception e) {
                throw loginFailure(e);
            }
            return null;
        }));
        loggedIn = true;
    }

    @Override
    public boolean isLoggedIn() {
        return loggedIn;
    }

    @Override
    public synchronized KeyHandle generateKeyPair(KeyLabel label, KeySpec spec) {
        requireLogin("generate a key");
        family.requireCanGenerate(spec);
        return withSession(session -> {
            long[] sameLabel = cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(Ck.CKA_LABEL, label.value().toCharArray())});
            if (sameLabel.length > 0) {
                throw new TokenException(Reason.LABEL_EXISTS, "token '" + identity.label() + "' already holds "
                        + sameLabel.length + " object(s) labelled '" + label + "'. Ceremony never reuses a label: "
                        + "choose another, or retire the old key first.");
            }
            byte[] id = freshKeyId(session);
            long[] pair = cryptoki.generateKeyPair(session, Templates.mechanism(spec),
                    Templates.publicKey(family, spec, label, id), Templates.privateKey(family, label, id));
            KeyHandle handle = describe(session, pair[1]);
            if (!handle.attributes().neverLeftToken() || !handle.attributes().signOnly()
                    || handle.publicKey().isEmpty() || !handle.spec().equals(Optional.of(spec))) {
                destroyQuietly(session, pair);
                throw new TokenException(Reason.DEVICE_ERROR, "token '" + identity.label() + "' created key '"
                        + label + "' with other attributes than requested (" + handle.attributes()
                        + "); the key was destroyed again");
            }
            return handle;
        });
    }

    @Override
    public Optional<KeyHandle> findKey(KeyLabel label) {
        requireLogin("find a key");
        return withSession(session -> {
            long[] found = cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY),
                new CK_ATTRIBUTE(Ck.CKA_LABEL, label.value().toCharArray())});
            if (found.length > 1) {
                throw new TokenException(Reason.KEY_AMBIGUOUS, "token '" + identity.label() + "' holds "
                        + found.length + " private keys labelled '" + label + "'; Ceremony will not guess which one "
                        + "to use. Retire the extra keys with the vendor's tool.");
            }
            return found.length == 0 ? Optional.empty() : Optional.of(describe(session, found[0]));
        });
    }

    @Override
    public List<KeyHandle> listKeys() {
        requireLogin("list keys");
        return withSession(session -> {
            List<KeyHandle> keys = new ArrayList<>();
            for (long handle : cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY)})) {
                keys.add(describe(session, handle));
            }
            keys.sort((a, b) -> a.label().compareTo(b.label()));
            return keys;
        });
    }

    @Override
    public synchronized void destroyKey(KeyHandle key) {
        requireLogin("destroy a key");
        withSession(session -> {
            CK_ATTRIBUTE label = new CK_ATTRIBUTE(Ck.CKA_LABEL, key.label().toCharArray());
            CK_ATTRIBUTE id = new CK_ATTRIBUTE(Ck.CKA_ID, key.id().bytes());
            long[] privates = cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY), label, id});
            long[] publics = cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY), label, id});
            if (privates.length == 0) {
                throw new TokenException(Reason.KEY_NOT_FOUND, "no private key labelled '"
                        + Printable.escape(key.label()) + "' with id " + key.id() + " on token '" + identity.label() + "'");
            }
            privateHandles.remove(new CachedKey(key.label(), key.id()));
            for (long handle : privates) {
                cryptoki.destroyObject(session, handle);
            }
            for (long handle : publics) {
                cryptoki.destroyObject(session, handle);
            }
            return null;
        });
    }

    @Override
    public byte[] sign(KeyHandle key, SignatureScheme scheme, byte[] data) {
        requireLogin("sign");
        if (key.type() != scheme.keyType()) {
            throw new TokenException(Reason.KEY_UNUSABLE, "key '" + Printable.escape(key.label()) + "' is "
                    + key.type() + " and cannot sign with " + scheme);
        }
        return withSession(session -> {
            long handle = privateHandle(session, key);
            return switch (scheme) {
                case ECDSA_SHA256, ECDSA_SHA384 -> EcdsaSignatures.toDer(
                        cryptoki.sign(session, new CK_MECHANISM(Ck.CKM_ECDSA), handle, digest(scheme, data)));
                case RSA_PKCS1_SHA256 -> cryptoki.sign(session, new CK_MECHANISM(Ck.CKM_SHA256_RSA_PKCS), handle, data);
                case RSA_PKCS1_SHA384 -> cryptoki.sign(session, new CK_MECHANISM(Ck.CKM_SHA384_RSA_PKCS), handle, data);
                case RSA_PSS_SHA256 -> cryptoki.sign(session, pss(), handle, data);
            };
        });
    }

    @Override
    public byte[] randomBytes(int count) {
        if (count < 1 || count > MAX_RANDOM_BYTES) {
            throw new IllegalArgumentException("random byte count " + count + " is outside 1.." + MAX_RANDOM_BYTES);
        }
        return withSession(session -> {
            byte[] out = new byte[count];
            cryptoki.generateRandom(session, out);
            return out;
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loggedIn) {
            try {
                withSession(session -> {
                    cryptoki.logout(session);
                    return null;
                });
            } catch (TokenException e) {
                // The token may be gone; closing its sessions below still releases what we hold.
            }
            loggedIn = false;
        }
        sessions.close();
        onClose.run();
    }

    /** Label and CKA_ID together: keys made by other tools may share an id, or have none. */
    private record CachedKey(String label, KeyId id) {
    }

    private long privateHandle(long session, KeyHandle key) throws PKCS11Exception {
        CachedKey cacheKey = new CachedKey(key.label(), key.id());
        Long cached = privateHandles.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        long[] found = cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY),
            new CK_ATTRIBUTE(Ck.CKA_LABEL, key.label().toCharArray()),
            new CK_ATTRIBUTE(Ck.CKA_ID, key.id().bytes())});
        if (found.length != 1) {
            throw new TokenException(found.length == 0 ? Reason.KEY_NOT_FOUND : Reason.KEY_AMBIGUOUS,
                    found.length + " private keys labelled '" + Printable.escape(key.label()) + "' with id "
                            + key.id() + " on token '" + identity.label() + "'; expected exactly one");
        }
        privateHandles.put(cacheKey, found[0]);
        return found[0];
    }

    /** Reads a private key's attributes and, from the public object with the same CKA_ID, its public key. */
    private KeyHandle describe(long session, long privateKey) throws PKCS11Exception {
        CK_ATTRIBUTE[] read = {
            new CK_ATTRIBUTE(Ck.CKA_LABEL), new CK_ATTRIBUTE(Ck.CKA_ID), new CK_ATTRIBUTE(Ck.CKA_KEY_TYPE),
            new CK_ATTRIBUTE(Ck.CKA_SENSITIVE), new CK_ATTRIBUTE(Ck.CKA_ALWAYS_SENSITIVE),
            new CK_ATTRIBUTE(Ck.CKA_EXTRACTABLE), new CK_ATTRIBUTE(Ck.CKA_NEVER_EXTRACTABLE),
            new CK_ATTRIBUTE(Ck.CKA_LOCAL), new CK_ATTRIBUTE(Ck.CKA_SIGN), new CK_ATTRIBUTE(Ck.CKA_DECRYPT),
            new CK_ATTRIBUTE(Ck.CKA_UNWRAP), new CK_ATTRIBUTE(Ck.CKA_DERIVE)};
        cryptoki.getAttributes(session, privateKey, read);
        String label = read[0].pValue == null ? "" : new String(read[0].getCharArray());
        byte[] id = read[1].pValue == null ? new byte[0] : read[1].getByteArray();
        long keyType = read[2].getLong();
        KeyAttributes attributes = new KeyAttributes(read[3].getBoolean(), read[4].getBoolean(),
                read[5].getBoolean(), read[6].getBoolean(), read[7].getBoolean(), read[8].getBoolean(),
                read[9].getBoolean(), read[10].getBoolean(), read[11].getBoolean());
        KeyType type = keyType == Ck.CKK_EC ? KeyType.EC : keyType == Ck.CKK_RSA ? KeyType.RSA : KeyType.OTHER;
        PublicPart pub = publicPart(session, type, id);
        KeyId keyId = KeyId.of(id);
        if (id.length > 0) {
            privateHandles.put(new CachedKey(label, keyId), privateKey);
        }
        return new KeyHandle(label, keyId, type, pub.spec, pub.key, attributes);
    }

    private record PublicPart(Optional<KeySpec> spec, Optional<PublicKey> key) {
    }

    private PublicPart publicPart(long session, KeyType type, byte[] id) throws PKCS11Exception {
        PublicPart none = new PublicPart(Optional.empty(), Optional.empty());
        if (type == KeyType.OTHER || id.length == 0) {
            return none;
        }
        long[] found = cryptoki.findObjects(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY), new CK_ATTRIBUTE(Ck.CKA_ID, id)});
        if (found.length != 1) {
            return none;
        }
        try {
            if (type == KeyType.EC) {
                CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(Ck.CKA_EC_PARAMS), new CK_ATTRIBUTE(Ck.CKA_EC_POINT)};
                cryptoki.getAttributes(session, found[0], read);
                ASN1ObjectIdentifier curve = PublicKeys.curveOid(read[0].getByteArray());
                Optional<KeySpec> spec = KeySpec.of(KeyType.EC, 0, curve.getId());
                if (spec.isEmpty()) {
                    return none;
                }
                return new PublicPart(spec, Optional.of(
                        PublicKeys.ec(spec.get().bits(), read[0].getByteArray(), read[1].getByteArray())));
            }
            CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(Ck.CKA_MODULUS), new CK_ATTRIBUTE(Ck.CKA_PUBLIC_EXPONENT)};
            cryptoki.getAttributes(session, found[0], read);
            BigInteger modulus = read[0].getBigInteger();
            return new PublicPart(KeySpec.of(KeyType.RSA, modulus.bitLength(), null),
                    Optional.of(PublicKeys.rsa(modulus, read[1].getBigInteger())));
        } catch (GeneralSecurityException e) {
            throw new TokenException(Reason.KEY_UNUSABLE, "the public-key object with id "
                    + KeyId.of(id) + " on token '" + identity.label() + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private byte[] freshKeyId(long session) throws PKCS11Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] id = new byte[KEY_ID_BYTES];
            cryptoki.generateRandom(session, id);
            if (cryptoki.findObjects(session, new CK_ATTRIBUTE[] {new CK_ATTRIBUTE(Ck.CKA_ID, id)}).length == 0) {
                return id;
            }
        }
        throw new TokenException(Reason.DEVICE_ERROR, "the RNG of token '" + identity.label()
                + "' returned three key ids that are already in use; it cannot be trusted to make keys");
    }

    private void destroyQuietly(long session, long[] objects) {
        for (long object : objects) {
            try {
                cryptoki.destroyObject(session, object);
            } catch (PKCS11Exception e) {
                // Reported by the caller's exception; the key is listed by 'token info' for manual cleanup.
            }
        }
    }

    private static CK_MECHANISM pss() {
        CK_MECHANISM mechanism = new CK_MECHANISM(Ck.CKM_SHA256_RSA_PKCS_PSS);
        mechanism.setParameter(new CK_RSA_PKCS_PSS_PARAMS("SHA-256", "MGF1", "SHA-256",
                SignatureScheme.PSS_SALT_BYTES));
        return mechanism;
    }

    private static byte[] digest(SignatureScheme scheme, byte[] data) {
        try {
            return MessageDigest.getInstance(scheme.digest()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(scheme.digest() + " is missing from this JVM", e);
        }
    }

    private static void requireAscii(char[] chars) {
        for (char c : chars) {
            if (c < 0x20 || c > 0x7e) {
                throw new TokenException(Reason.PIN_INVALID, "the PIN contains a character outside printable ASCII; "
                        + "PKCS#11 tokens compare PIN bytes, so such a PIN is refused. It was not sent.");
            }
        }
    }

    private void requireLogin(String what) {
        if (!loggedIn) {
            throw new TokenException(Reason.NOT_LOGGED_IN, "log in to token '" + identity.label() + "' to " + what);
        }
    }

    private TokenException loginFailure(PKCS11Exception e) {
        long code = e.getErrorCode();
        if (code == Ck.CKR_PIN_INCORRECT) {
            String flags;
            try {
                flags = TokenInfos.pinState(cryptoki.tokenInfo(slot)).describe();
            } catch (PKCS11Exception again) {
                flags = "unreadable (" + again.getMessage() + ")";
            }
            return new TokenException(Reason.PIN_INCORRECT, "token '" + identity.label() + "' rejected the PIN. "
                    + "PIN state now: " + flags + ". Ceremony does not retry; check the PIN before the next attempt.");
        }
        if (code == Ck.CKR_PIN_LOCKED) {
            return new TokenException(Reason.PIN_LOCKED, "the user PIN of token '" + identity.label()
                    + "' is LOCKED. The token's security officer must unblock it with the SO PIN.");
        }
        if (code == Ck.CKR_PIN_LEN_RANGE || code == Ck.CKR_PIN_INVALID) {
            return new TokenException(Reason.PIN_INVALID, "token '" + identity.label()
                    + "' refused the PIN's length or characters (" + e.getMessage() + ")");
        }
        if (code == Ck.CKR_USER_ALREADY_LOGGED_IN) {
            return new TokenException(Reason.DEVICE_ERROR, "token '" + identity.label() + "' is already logged in "
                    + "by another part of this program; Ceremony will not rely on a login whose PIN it did not check");
        }
        if (code == Ck.CKR_PIN_EXPIRED) {
            return new TokenException(Reason.PIN_INVALID, "the user PIN of token '" + identity.label()
                    + "' has expired and must be changed with the vendor's tool");
        }
        return failure("log in to", e);
    }

    private TokenException failure(String what, PKCS11Exception e) {
        Reason reason = e.getErrorCode() == Ck.CKR_USER_NOT_LOGGED_IN ? Reason.NOT_LOGGED_IN : Reason.DEVICE_ERROR;
        return new TokenException(reason, "could not " + what + " token '" + identity.label() + "': "
                + e.getMessage(), e);
    }

    /** Work on one session of the pool. */
    @FunctionalInterface
    private interface SessionWork<T> {
        T run(long session) throws PKCS11Exception;
    }

    private <T> T withSession(SessionWork<T> work) {
        long session;
        try {
            session = sessions.acquire();
        } catch (PKCS11Exception e) {
            throw failure("open a session on", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(Reason.DEVICE_ERROR, "interrupted while waiting for a session on token '"
                    + identity.label() + "'", e);
        }
        try {
            return work.run(session);
        } catch (PKCS11Exception e) {
            throw failure("use", e);
        } finally {
            sessions.release(session);
        }
    }
}
