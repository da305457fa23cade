package dev.ceremony.testing;

import dev.ceremony.token.FinalTryConfirmation;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Pin;
import dev.ceremony.token.PinState;
import dev.ceremony.token.SignatureScheme;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenFamily;
import dev.ceremony.token.TokenIdentity;
import java.util.List;
import java.util.Optional;

/** The fault seam for a token that returns a wrong signature: the real token, one bit flipped. */
public final class CorruptingToken implements Token {
    private final Token real;

    public CorruptingToken(Token real) {
        this.real = real;
    }

    @Override
    public byte[] sign(KeyHandle key, SignatureScheme scheme, byte[] data) {
        byte[] signature = real.sign(key, scheme, data);
        signature[signature.length - 1] ^= 1;
        return signature;
    }

    @Override
    public TokenIdentity identity() {
        return real.identity();
    }

    @Override
    public TokenFamily family() {
        return real.family();
    }

    @Override
    public PinState pinState() {
        return real.pinState();
    }

    @Override
    public void login(Pin pin, FinalTryConfirmation confirmation) {
        real.login(pin, confirmation);
    }

    @Override
    public boolean isLoggedIn() {
        return real.isLoggedIn();
    }

    @Override
    public void changeUserPin(Pin current, Pin next) {
        real.changeUserPin(current, next);
    }

    @Override
    public void proveSoPin(Pin currentSo, Pin userPin) {
        real.proveSoPin(currentSo, userPin);
    }

    @Override
    public void preparePinChange(Pin next) {
        real.preparePinChange(next);
    }

    @Override
    public void changeSoPin(Pin currentSo, Pin nextSo, Pin userPin) {
        real.changeSoPin(currentSo, nextSo, userPin);
    }

    @Override
    public KeyHandle generateKeyPair(KeyLabel label, KeySpec spec) {
        return real.generateKeyPair(label, spec);
    }

    @Override
    public Optional<KeyHandle> findKey(KeyLabel label) {
        return real.findKey(label);
    }

    @Override
    public List<KeyHandle> listKeys() {
        return real.listKeys();
    }

    @Override
    public void destroyKey(KeyHandle key) {
        real.destroyKey(key);
    }

    @Override
    public byte[] randomBytes(int count) {
        return real.randomBytes(count);
    }

    @Override
    public void close() {
        // the real token is closed by the test class
    }
}
