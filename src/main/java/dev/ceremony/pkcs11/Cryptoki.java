package dev.ceremony.pkcs11;

import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The PKCS#11 calls Ceremony makes, and no others. The real implementation is {@link JdkCryptoki};
 * tests may wrap it to inject failures a real token cannot be made to produce on demand
 * (FINAL_TRY, LOCKED). Everything else always goes to the real token.
 */
public interface Cryptoki {

    long[] slotsWithToken() throws PKCS11Exception;

    CK_TOKEN_INFO tokenInfo(long slot) throws PKCS11Exception;

    /** Opens a read-write serial session. */
    long openSession(long slot) throws PKCS11Exception;

    void closeSession(long session) throws PKCS11Exception;

    void login(long session, char[] pin) throws PKCS11Exception;

    /** C_Login as the security officer (CKU_SO). */
    void loginSecurityOfficer(long session, char[] pin) throws PKCS11Exception;

    /** C_SetPIN: changes the PIN of whoever is logged in (the user's, or the SO's). */
    void setPin(long session, char[] oldPin, char[] newPin) throws PKCS11Exception;

    /**
     * Makes sure {@link #setPin} can be called (binds it, where the binding is made on first use), so
     * a PIN change fails before anything depends on it rather than at C_SetPIN.
     */
    void requireSetPin() throws PKCS11Exception;

    void logout(long session) throws PKCS11Exception;

    long[] findObjects(long session, CK_ATTRIBUTE[] template) throws PKCS11Exception;

    void getAttributes(long session, long object, CK_ATTRIBUTE[] attributes) throws PKCS11Exception;

    /** Returns the public then the private key handle. */
    long[] generateKeyPair(long session, CK_MECHANISM mechanism, CK_ATTRIBUTE[] publicTemplate,
            CK_ATTRIBUTE[] privateTemplate) throws PKCS11Exception;

    void destroyObject(long session, long object) throws PKCS11Exception;

    byte[] sign(long session, CK_MECHANISM mechanism, long key, byte[] data) throws PKCS11Exception;

    void generateRandom(long session, byte[] out) throws PKCS11Exception;
}
