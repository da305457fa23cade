package dev.ceremony.pkcs11;

import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * {@link Cryptoki} over the JDK's own PKCS#11 wrapper ({@code sun.security.pkcs11.wrapper} in
 * module {@code jdk.crypto.cryptoki}). A thin adapter was chosen over a third-party object API:
 * it adds no dependency to audit, and Ceremony needs only the dozen calls listed in the interface.
 *
 * <p>The JDK caches one initialised module per library path for the life of the JVM, so this
 * class never calls C_Finalize.
 */
public final class JdkCryptoki implements Cryptoki {

    private static final int FIND_BATCH = 64;

    private final PKCS11 module;
    private final Path library;
    /** Loaded at the first C_SetPIN: most commands never change a PIN and need no JNA. */
    private NativePinCalls pinCalls;

    private JdkCryptoki(PKCS11 module, Path library) {
        this.module = module;
        this.library = library;
    }

    /** Loads and initialises the library (or returns the JVM's already initialised instance). */
    public static JdkCryptoki load(Path library) throws IOException, PKCS11Exception {
        CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
        args.flags = Ck.CKF_OS_LOCKING_OK;
        return new JdkCryptoki(PKCS11.getInstance(library.toString(), "C_GetFunctionList", args, false), library);
    }

    @Override
    public long[] slotsWithToken() throws PKCS11Exception {
        return module.C_GetSlotList(true);
    }

    @Override
    public CK_TOKEN_INFO tokenInfo(long slot) throws PKCS11Exception {
        return module.C_GetTokenInfo(slot);
    }

    @Override
    public long openSession(long slot) throws PKCS11Exception {
        return module.C_OpenSession(slot, Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION, null, null);
    }

    @Override
    public void closeSession(long session) throws PKCS11Exception {
        module.C_CloseSession(session);
    }

    @Override
    public void login(long session, char[] pin) throws PKCS11Exception {
        module.C_Login(session, Ck.CKU_USER, pin);
    }

    @Override
    public void loginSecurityOfficer(long session, char[] pin) throws PKCS11Exception {
        module.C_Login(session, Ck.CKU_SO, pin);
    }

    @Override
    public void setPin(long session, char[] oldPin, char[] newPin) throws PKCS11Exception {
        pinCalls().setPin(session, oldPin, newPin);
    }

    @Override
    public void requireSetPin() throws PKCS11Exception {
        pinCalls();
    }

    private synchronized NativePinCalls pinCalls() throws PKCS11Exception {
        if (pinCalls == null) {
            try {
                pinCalls = NativePinCalls.load(library);
            } catch (LinkageError e) {
                // JNA could not load its native stub or the module: an Error, which no caller expects.
                throw new TokenException(Reason.LIBRARY_FAILED, "could not reach C_SetPIN of " + library + " through "
                        + "JNA (" + e.getMessage() + "); no PIN can be changed until JNA loads (it needs a writable "
                        + "cache folder for its native stub)", e);
            }
        }
        return pinCalls;
    }

    @Override
    public void logout(long session) throws PKCS11Exception {
        module.C_Logout(session);
    }

    @Override
    public long[] findObjects(long session, CK_ATTRIBUTE[] template) throws PKCS11Exception {
        module.C_FindObjectsInit(session, template);
        try {
            List<Long> found = new ArrayList<>();
            while (true) {
                long[] batch = module.C_FindObjects(session, FIND_BATCH);
                if (batch == null || batch.length == 0) {
                    break;
                }
                for (long handle : batch) {
                    found.add(handle);
                }
            }
            return found.stream().mapToLong(Long::longValue).toArray();
        } finally {
            module.C_FindObjectsFinal(session);
        }
    }

    @Override
    public void getAttributes(long session, long object, CK_ATTRIBUTE[] attributes) throws PKCS11Exception {
        module.C_GetAttributeValue(session, object, attributes);
    }

    @Override
    public long[] generateKeyPair(long session, CK_MECHANISM mechanism, CK_ATTRIBUTE[] publicTemplate,
            CK_ATTRIBUTE[] privateTemplate) throws PKCS11Exception {
        return module.C_GenerateKeyPair(session, mechanism, publicTemplate, privateTemplate);
    }

    @Override
    public void destroyObject(long session, long object) throws PKCS11Exception {
        module.C_DestroyObject(session, object);
    }

    @Override
    public byte[] sign(long session, CK_MECHANISM mechanism, long key, byte[] data) throws PKCS11Exception {
        module.C_SignInit(session, mechanism, key);
        return module.C_Sign(session, data);
    }

    @Override
    public void generateRandom(long session, byte[] out) throws PKCS11Exception {
        module.C_GenerateRandom(session, out);
    }
}
