package dev.ceremony.token;

import java.util.List;
import java.util.Optional;

/**
 * An open, selected PKCS#11 token: the port through which the rest of Ceremony uses CA keys.
 * Nothing here returns or accepts private key material.
 */
public interface Token extends AutoCloseable {

    /** Token identity, read when the token was opened. */
    TokenIdentity identity();

    /** The token's family description (hsm-config), with its limits. */
    TokenFamily family();

    /** The user-PIN flags as the token reports them now. */
    PinState pinState();

    /**
     * Logs the user in. The PIN is checked against the token's and the family's length limits
     * before it is sent, sent once, never retried, and not wiped here: the caller owns it.
     * At FINAL_TRY {@code confirmation} must agree first; a locked PIN is refused outright.
     */
    void login(Pin pin, FinalTryConfirmation confirmation);

    boolean isLoggedIn();

    /**
     * Replaces the user PIN (C_SetPIN in the user's session). The user stays logged in. Neither PIN
     * is wiped here: the caller owns both.
     */
    void changeUserPin(Pin current, Pin next);

    /**
     * Replaces the security officer's PIN: logs the user out, logs in as SO with {@code currentSo},
     * C_SetPIN, logs the SO out, and logs the user back in with {@code userPin}, so the ceremony goes
     * on as before. PKCS#11 allows one kind of login at a time, hence the round trip.
     */
    void changeSoPin(Pin currentSo, Pin nextSo, Pin userPin);

    /**
     * Proves the security officer's PIN and changes nothing: the same round trip as
     * {@link #changeSoPin} (user out, SO in, SO out, user back in with {@code userPin}) without the
     * C_SetPIN. An SO PIN at its final try or locked is never tried. Neither PIN is wiped here.
     */
    void proveSoPin(Pin currentSo, Pin userPin);

    /**
     * Refuses, changing and sending nothing, a PIN change to {@code next} that would fail before it
     * reached the token: {@code next} does not fit the token's or the family's PIN lengths or is not
     * printable ASCII, or the module's C_SetPIN cannot be reached. Needs the user's login.
     */
    void preparePinChange(Pin next);

    /** Generates a key pair on the token. Refuses a label that any object on the token already has. */
    KeyHandle generateKeyPair(KeyLabel label, KeySpec spec);

    /** Finds a key by label, whether or not a certificate was ever stored for it. */
    Optional<KeyHandle> findKey(KeyLabel label);

    /** Like {@link #findKey}, but a missing key is an error naming the label. */
    default KeyHandle requireKey(KeyLabel label) {
        return findKey(label).orElseThrow(() -> new TokenException(TokenException.Reason.KEY_NOT_FOUND,
                "no key labelled '" + label + "' on token '" + identity().label() + "'"));
    }

    /** Every private key visible to the current login, with its public key where one is stored. */
    List<KeyHandle> listKeys();

    /** Destroys the private key and its public-key object. */
    void destroyKey(KeyHandle key);

    /**
     * Signs {@code data} on the token and returns the signature in X.509 form (DER ECDSA-Sig-Value
     * for EC, PKCS#1 v1.5 bytes for RSA). The digest is part of the scheme; callers pass the
     * message, not its hash.
     */
    byte[] sign(KeyHandle key, SignatureScheme scheme, byte[] data);

    /** Random bytes from the token's RNG. */
    byte[] randomBytes(int count);

    /** Logs out and closes the sessions. */
    @Override
    void close();
}
