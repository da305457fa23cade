package dev.ceremony.pkcs11;

import dev.ceremony.text.Printable;
import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyId;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.SecretAccess;
import dev.ceremony.token.SignatureScheme;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.token.TokenIdentity;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    private final KeyObjects keys;
    private final LoginRules rules;
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
        this.keys = new KeyObjects(cryptoki, identity.label());
        this.rules = new LoginRules(family, identity);
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
        rules.beforeLogin(pinState(), pin, confirmation);
        withSession(session -> pin.reveal(SecretAccess.TOKEN_LOGIN, chars -> {
            LoginRules.requireAscii(chars);
            try {
                cryptoki.login(session, chars);
            } catch (PKCS11Exception e) {
                throw rules.failure(e, this::pinState);
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
    public synchronized void changeUserPin(Pin current, Pin next) {
        requireLogin("change the user PIN of");
        rules.newPin(pinState(), next);
        withSession(session -> current.reveal(SecretAccess.PIN_CHANGE, old -> next.reveal(SecretAccess.PIN_CHANGE,
                fresh -> {
                    try {
                        cryptoki.setPin(session, old, fresh);
                    } catch (PKCS11Exception e) {
                        throw rules.pinChangeFailure("user", e);
                    }
                    return null;
                })));
    }

    @Override
    public synchronized void changeSoPin(Pin currentSo, Pin nextSo, Pin userPin) {
        requireLogin("change the SO PIN of");
        rules.newPin(pinState(), nextSo);
        asSecurityOfficer(currentSo, userPin, (session, so) -> nextSo.reveal(SecretAccess.PIN_CHANGE, fresh -> {
            try {
                cryptoki.setPin(session, so, fresh);
            } catch (PKCS11Exception e) {
                throw rules.pinChangeFailure("SO", e);
            }
            return null;
        }));
    }

    @Override
    public synchronized void proveSoPin(Pin currentSo, Pin userPin) {
        requireLogin("check the SO PIN of");
        asSecurityOfficer(currentSo, userPin, (session, so) -> null);
    }

    @Override
    public synchronized void preparePinChange(Pin next) {
        requireLogin("change a PIN of");
        rules.newPin(pinState(), next);
        try {
            cryptoki.requireSetPin();
        } catch (PKCS11Exception e) {
            throw new TokenException(Reason.UNSUPPORTED, "the PKCS#11 module of token '" + identity.label() + "' ("
                    + family.library() + ") offers no C_SetPIN that Ceremony can call (" + e.getMessage() + "); "
                    + "Ceremony cannot change its PINs. Nothing was changed", e);
        }
    }

    /** Work done in the security officer's session, with the SO PIN it logged in with. */
    @FunctionalInterface
    private interface SoWork {
        Object run(long session, char[] so) throws PKCS11Exception;
    }

    /**
     * Logs the user out, logs in as SO with {@code currentSo} (never at the SO PIN's final try or
     * when it is locked), does {@code work}, logs the SO out, and logs the user back in with
     * {@code userPin}, whatever happened: PKCS#11 allows one kind of login at a time.
     */
    private void asSecurityOfficer(Pin currentSo, Pin userPin, SoWork work) {
        PinState state = pinState();
        try {
            rules.beforeSoLogin(cryptoki.tokenInfo(slot).flags);
        } catch (PKCS11Exception e) {
            throw failure("read the SO PIN state of", e);
        }
        rules.currentSoPin(state, currentSo);
        withSession(session -> {
            cryptoki.logout(session);
            loggedIn = false;
            // SoftHSM gives private objects new handles after a logout.
            privateHandles.clear();
            try {
                currentSo.reveal(SecretAccess.PIN_CHANGE, so -> {
                    try {
                        cryptoki.loginSecurityOfficer(session, so);
                    } catch (PKCS11Exception e) {
                        throw rules.pinChangeFailure("SO", e);
                    }
                    try {
                        return work.run(session, so);
                    } finally {
                        cryptoki.logout(session);
                    }
                });
            } finally {
                userPin.reveal(SecretAccess.TOKEN_LOGIN, user -> {
                    cryptoki.login(session, user);
                    return null;
                });
                loggedIn = true;
            }
            return null;
        });
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

    /** Reads a key pair's handle and remembers its private object, so that signing needs no search. */
    private KeyHandle describe(long session, long privateKey) throws PKCS11Exception {
        KeyHandle handle = keys.describe(session, privateKey);
        if (handle.id().bytes().length > 0) {
            privateHandles.put(new CachedKey(handle.label(), handle.id()), privateKey);
        }
        return handle;
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

    private void requireLogin(String what) {
        if (!loggedIn) {
            throw new TokenException(Reason.NOT_LOGGED_IN, "log in to token '" + identity.label() + "' to " + what);
        }
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
