package dev.ceremony.pkcs11;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * C_SetPIN, the one PKCS#11 call Ceremony needs that the JDK's wrapper does not offer (JDK 17 and
 * 25 have no C_SetPIN, C_InitPIN or C_InitToken). It is called through JNA on the same module the
 * JDK loaded: the dynamic linker hands back the already loaded library, so sessions and the login
 * state are shared with the wrapper. The function is found the way the JDK finds the others,
 * through the module's C_GetFunctionList, not by its exported symbol, which PKCS#11 does not
 * require.
 *
 * <p>PINs go to the module from native memory that is zeroed right after the call; JNA's own
 * array copies are never used for them.
 */
final class NativePinCalls {

    /** C_SetPIN's place in CK_FUNCTION_LIST after the CK_VERSION: the twelfth function pointer. */
    static final int C_SET_PIN_SLOT = 11;

    private final Function setPin;

    private NativePinCalls(Function setPin) {
        this.setPin = setPin;
    }

    static NativePinCalls load(Path library) throws PKCS11Exception {
        NativeLibrary module = NativeLibrary.getInstance(library.toString());
        PointerByReference list = new PointerByReference();
        long rv = module.getFunction("C_GetFunctionList").invokeLong(new Object[] {list});
        if (rv != 0) {
            throw new PKCS11Exception(rv, " (C_GetFunctionList, for C_SetPIN)");
        }
        // CK_FUNCTION_LIST starts with a CK_VERSION (two bytes); the pointers after it are aligned.
        Pointer entry = list.getValue().getPointer((long) Native.POINTER_SIZE * (1 + C_SET_PIN_SLOT));
        if (entry == null) {
            throw new PKCS11Exception(Ck.CKR_FUNCTION_NOT_SUPPORTED, " (the module's function list has no C_SetPIN)");
        }
        return new NativePinCalls(Function.getFunction(entry));
    }

    /** The function pointer found in the list, so a test can compare it with the exported symbol. */
    Pointer setPinEntry() {
        return setPin;
    }

    /** C_SetPIN on {@code session}: the user's PIN in a user session, the SO's in an SO session. */
    void setPin(long session, char[] oldPin, char[] newPin) throws PKCS11Exception {
        Memory old = bytes(oldPin);
        Memory next = bytes(newPin);
        try {
            long rv = setPin.invokeLong(new Object[] {new NativeLong(session), old, new NativeLong(oldPin.length),
                next, new NativeLong(newPin.length)});
            if (rv != 0) {
                throw new PKCS11Exception(rv, " (C_SetPIN)");
            }
        } finally {
            old.clear();
            next.clear();
            old.close();
            next.close();
        }
    }

    /** The low byte of each char, as the JDK's wrapper sends a PIN: callers allow printable ASCII only. */
    private static Memory bytes(char[] pin) {
        Memory memory = new Memory(Math.max(1, pin.length));
        for (int i = 0; i < pin.length; i++) {
            memory.setByte(i, (byte) pin[i]);
        }
        return memory;
    }
}
