package dev.ceremony.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.KeySpec;
import dev.ceremony.token.Pin;
import dev.ceremony.token.SignatureScheme;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenException;
import dev.ceremony.token.TokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@SoftHsm
class Pkcs11TokenTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static Token token;

    @BeforeAll
    static void open(TestToken testToken) {
        token = testToken.openLoggedIn();
    }

    @AfterAll
    static void close() {
        token.close();
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void generatedKey_signsOnlyAndNeverLeavesTheToken(KeySpec spec) throws Exception {
        KeyHandle key = token.generateKeyPair(new KeyLabel("gen-" + spec.displayName()), spec);

        assertThat(key.spec()).contains(spec);
        assertThat(key.attributes().sensitive()).isTrue();
        assertThat(key.attributes().alwaysSensitive()).isTrue();
        assertThat(key.attributes().extractable()).isFalse();
        assertThat(key.attributes().neverExtractable()).isTrue();
        assertThat(key.attributes().local()).isTrue();
        assertThat(key.attributes().signOnly()).isTrue();
        assertThat(key.id().bytes()).hasSize(Pkcs11Token.KEY_ID_BYTES);
        if (spec.type() == dev.ceremony.token.KeyType.EC) {
            assertThat(((ECPublicKey) key.requirePublicKey()).getParams().getCurve().getField().getFieldSize())
                    .isEqualTo(spec.bits());
        } else {
            assertThat(((RSAPublicKey) key.requirePublicKey()).getModulus().bitLength()).isEqualTo(spec.bits());
            assertThat(((RSAPublicKey) key.requirePublicKey()).getPublicExponent().longValue())
                    .isEqualTo(KeySpec.RSA_PUBLIC_EXPONENT);
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void signature_verifiesWithThePublicKey_inTwoProviders(SignatureScheme scheme) throws Exception {
        KeySpec spec = scheme.keyType() == dev.ceremony.token.KeyType.EC ? KeySpec.EC_P256 : KeySpec.RSA_3072;
        KeyHandle key = token.generateKeyPair(new KeyLabel("sig-" + scheme.name().toLowerCase()), spec);
        byte[] message = ("message for " + scheme).getBytes(StandardCharsets.UTF_8);

        byte[] signature = token.sign(key, scheme, message);

        // The JDK's providers name PSS differently ("RSASSA-PSS" plus parameters); BouncyCastle checks it.
        java.security.Provider[] providers = scheme == SignatureScheme.RSA_PSS_SHA256
                ? new java.security.Provider[] {BC} : new java.security.Provider[] {BC, null};
        for (java.security.Provider provider : providers) {
            Signature verifier = provider == null ? Signature.getInstance(scheme.jcaName())
                    : Signature.getInstance(scheme.jcaName(), provider);
            verifier.initVerify(key.requirePublicKey());
            verifier.update(message);
            assertThat(verifier.verify(signature)).as("verified by %s", verifier.getProvider()).isTrue();
            verifier.initVerify(key.requirePublicKey());
            verifier.update("another message".getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(signature)).isFalse();
        }
    }

    @Test
    void duplicateLabel_isRefused_andTheFirstKeyStays() {
        KeyLabel label = new KeyLabel("only-once");
        KeyHandle first = token.generateKeyPair(label, KeySpec.EC_P256);

        assertThatThrownBy(() -> token.generateKeyPair(label, KeySpec.EC_P384))
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("already holds 2 object(s) labelled 'only-once'")
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.LABEL_EXISTS);
        assertThat(token.requireKey(label).id()).isEqualTo(first.id());
        assertThat(token.requireKey(label).spec()).contains(KeySpec.EC_P256);
    }

    @Test
    void findKey_returnsTheSameKeyPair_andEmptyForAnUnknownLabel() {
        KeyHandle made = token.generateKeyPair(new KeyLabel("find-me"), KeySpec.EC_P384);

        KeyHandle found = token.requireKey(new KeyLabel("find-me"));

        assertThat(found.id()).isEqualTo(made.id());
        assertThat(found.requirePublicKey().getEncoded()).isEqualTo(made.requirePublicKey().getEncoded());
        assertThat(token.findKey(new KeyLabel("never-made"))).isEmpty();
        assertThatThrownBy(() -> token.requireKey(new KeyLabel("never-made")))
                .hasMessageContaining("no key labelled 'never-made'");
    }

    @Test
    void destroyKey_removesThePrivateAndPublicObjects_andFreesTheLabel() {
        KeyLabel label = new KeyLabel("short-lived");
        KeyHandle key = token.generateKeyPair(label, KeySpec.EC_P256);

        token.destroyKey(key);

        assertThat(token.findKey(label)).isEmpty();
        assertThat(token.listKeys()).extracting(KeyHandle::label).doesNotContain("short-lived");
        KeyHandle again = token.generateKeyPair(label, KeySpec.EC_P256);
        assertThat(again.id()).isNotEqualTo(key.id());
        assertThatThrownBy(() -> token.sign(key, SignatureScheme.ECDSA_SHA256, new byte[] {1}))
                .isInstanceOf(TokenException.class);
    }

    @Test
    void signingWithTheWrongSchemeForTheKeyType_isRefused() {
        KeyHandle key = token.generateKeyPair(new KeyLabel("ec-for-scheme"), KeySpec.EC_P256);

        assertThatThrownBy(() -> token.sign(key, SignatureScheme.RSA_PKCS1_SHA256, new byte[] {1}))
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("is EC and cannot sign with RSA_PKCS1_SHA256");
    }

    @Test
    void randomBytes_comeFromTheToken_andDiffer() {
        byte[] first = token.randomBytes(32);
        byte[] second = token.randomBytes(32);

        assertThat(first).hasSize(32).isNotEqualTo(second).isNotEqualTo(new byte[32]);
        assertThatThrownBy(() -> token.randomBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoThreadsSignAtOnce_onSessionsOfTheirOwn() throws Exception {
        KeyHandle key = token.generateKeyPair(new KeyLabel("parallel"), KeySpec.EC_P256);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] message = ("m" + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    Signature verifier = Signature.getInstance("SHA256withECDSA", BC);
                    verifier.initVerify(key.requirePublicKey());
                    verifier.update(message);
                    return verifier.verify(token.sign(key, SignatureScheme.ECDSA_SHA256, message));
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecondLoginOnTheSameToken_isRefused() {
        try (Pin pin = Pin.of("whatever".toCharArray())) {
            assertThatThrownBy(() -> token.login(pin, identity -> true)).hasMessageContaining("already logged in");
        }
    }
}
