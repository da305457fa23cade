package dev.ceremony.pkcs11;

import dev.ceremony.token.Token;
import dev.ceremony.token.TokenDriver;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.token.TokenIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Opens tokens through a PKCS#11 library. SunPKCS11 cannot select a token by label and SoftHSM's
 * slot ids are random, so this driver walks the slots and matches label (and serial) itself,
 * skipping slots whose token is not initialised (SoftHSM always shows a spare one).
 */
public final class Pkcs11TokenDriver implements TokenDriver {

    /** Loads a PKCS#11 library; the seam through which tests wrap the real one. */
    @FunctionalInterface
    public interface Loader {
        Cryptoki load(Path library) throws IOException, PKCS11Exception;
    }

    private final Loader loader;
    private final int maxSessions;
    /** Slots with an open Token, per library: PKCS#11 login state is shared by a whole process. */
    private final java.util.Set<String> openSlots = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param maxSessions how many sessions signing may use at once (one per signing thread)
     */
    public Pkcs11TokenDriver(Loader loader, int maxSessions) {
        this.loader = Objects.requireNonNull(loader, "loader");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
        this.maxSessions = maxSessions;
    }

    @Override
    public Token open(TokenFamily family, String label, Optional<String> serial) {
        Cryptoki cryptoki = load(family);
        List<String> present = new ArrayList<>();
        List<Long> matches = new ArrayList<>();
        List<TokenIdentity> matched = new ArrayList<>();
        try {
            for (long slot : cryptoki.slotsWithToken()) {
                CK_TOKEN_INFO info = cryptoki.tokenInfo(slot);
                if (!TokenInfos.initialized(info)) {
                    continue;
                }
                TokenIdentity identity = TokenInfos.identity(info);
                present.add("'" + identity.label() + "' (serial " + identity.serial() + ")");
                if (TokenInfos.rawLabel(info).equals(label)
                        && serial.map(TokenInfos.rawSerial(info)::equals).orElse(true)) {
                    matches.add(slot);
                    matched.add(identity);
                }
            }
            String wanted = "'" + label + "'" + serial.map(s -> " with serial " + s).orElse("");
            if (matches.isEmpty()) {
                throw new TokenException(Reason.TOKEN_NOT_FOUND, "no token labelled " + wanted + " is present "
                        + "through " + family.library() + ". Tokens present: "
                        + (present.isEmpty() ? "none" : String.join(", ", present))
                        + ". Check token.label and token.serial in the configuration, and that the token is plugged in.");
            }
            if (matches.size() > 1) {
                throw new TokenException(Reason.TOKEN_AMBIGUOUS, matches.size() + " tokens are labelled " + wanted
                        + ": " + String.join(", ", present) + ". Set token.serial in the configuration to choose one.");
            }
            String slotKey = family.library() + "#" + matches.get(0);
            if (!openSlots.add(slotKey)) {
                throw new TokenException(Reason.DEVICE_ERROR, "token " + wanted + " is already open in this program; "
                        + "close it first");
            }
            try {
                return new Pkcs11Token(cryptoki, family, matches.get(0), matched.get(0), maxSessions,
                        () -> openSlots.remove(slotKey));
            } catch (PKCS11Exception | RuntimeException e) {
                openSlots.remove(slotKey);
                throw e;
            }
        } catch (PKCS11Exception e) {
            throw new TokenException(Reason.DEVICE_ERROR, "PKCS#11 library " + family.library()
                    + " failed while opening the token: " + e.getMessage(), e);
        }
    }

    private Cryptoki load(TokenFamily family) {
        Path library = family.library();
        if (!Files.isRegularFile(library)) {
            throw new TokenException(Reason.LIBRARY_MISSING, "the PKCS#11 library " + library + " named in "
                    + family.source() + " is not on this machine. It comes from: " + family.libraryPackage() + ".");
        }
        try {
            return loader.load(library);
        } catch (IOException | PKCS11Exception | RuntimeException e) {
            throw new TokenException(Reason.LIBRARY_FAILED, "the PKCS#11 library " + library + " named in "
                    + family.source() + " could not be loaded: " + e.getMessage(), e);
        }
    }
}
