package dev.ceremony.pkcs11;

import java.util.concurrent.atomic.AtomicInteger;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The fault-injection seam: the real {@link Cryptoki} with extra token flags OR-ed into
 * C_GetTokenInfo, and optionally a fixed error from C_Login. SoftHSM never sets FINAL_TRY or
 * LOCKED, so only these two facts are faked; every other call reaches the real token.
 */
public final class FaultyCryptoki implements Cryptoki {

    /** CKF_SO_PIN_FINAL_TRY, for tests outside this package that fake it. */
    public static final long SO_PIN_FINAL_TRY = Ck.CKF_SO_PIN_FINAL_TRY;

    private final Cryptoki real;
    private final long extraFlags;
    private final Long loginError;
    /** C_Login calls made, user and SO. */
    public final AtomicInteger logins = new AtomicInteger();
    /** C_Login calls made as the security officer (also counted in {@link #logins}). */
    public final AtomicInteger soLogins = new AtomicInteger();
    /** C_SetPIN calls made, user and SO. */
    public final AtomicInteger setPins = new AtomicInteger();

    public FaultyCryptoki(Cryptoki real, long extraFlags, Long loginError) {
        this.real = real;
        this.extraFlags = extraFlags;
        this.loginError = loginError;
    }

    @Override
    public long[] slotsWithToken() throws PKCS11Exception {
        return real.slotsWithToken();
    }

    @Override
    public CK_TOKEN_INFO tokenInfo(long slot) throws PKCS11Exception {
        CK_TOKEN_INFO info = real.tokenInfo(slot);
        info.flags |= extraFlags;
        return info;
    }

    @Override
    public long openSession(long slot) throws PKCS11Exception {
        return real.openSession(slot);
    }

    @Override
    public void closeSession(long session) throws PKCS11Exception {
        real.closeSession(session);
    }

    @Override
    public void login(long session, char[] pin) throws PKCS11Exception {
        logins.incrementAndGet();
        if (loginError != null) {
            throw new PKCS11Exception(loginError, null);
        }
        real.login(session, pin);
    }

    @Override
    public void loginSecurityOfficer(long session, char[] pin) throws PKCS11Exception {
        logins.incrementAndGet();
        soLogins.incrementAndGet();
        real.loginSecurityOfficer(session, pin);
    }

    @Override
    public void setPin(long session, char[] oldPin, char[] newPin) throws PKCS11Exception {
        setPins.incrementAndGet();
        real.setPin(session, oldPin, newPin);
    }

    @Override
    public void requireSetPin() throws PKCS11Exception {
        real.requireSetPin();
    }

    @Override
    public void logout(long session) throws PKCS11Exception {
        real.logout(session);
    }

    @Override
    public long[] findObjects(long session, CK_ATTRIBUTE[] template) throws PKCS11Exception {
        return real.findObjects(session, template);
    }

    @Override
    public void getAttributes(long session, long object, CK_ATTRIBUTE[] attributes) throws PKCS11Exception {
        real.getAttributes(session, object, attributes);
    }

    @Override
    public long[] generateKeyPair(long session, CK_MECHANISM mechanism, CK_ATTRIBUTE[] publicTemplate,
            CK_ATTRIBUTE[] privateTemplate) throws PKCS11Exception {
        return real.generateKeyPair(session, mechanism, publicTemplate, privateTemplate);
    }

    @Override
    public void destroyObject(long session, long object) throws PKCS11Exception {
        real.destroyObject(session, object);
    }

    @Override
    public byte[] sign(long session, CK_MECHANISM mechanism, long key, byte[] data) throws PKCS11Exception {
        return real.sign(session, mechanism, key, data);
    }

    @Override
    public void generateRandom(long session, byte[] out) throws PKCS11Exception {
        real.generateRandom(session, out);
    }
}
