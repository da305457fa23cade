package dev.ceremony.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.testing.SoftHsm;
import dev.ceremony.testing.TestToken;
import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

@SoftHsm
class TokenContentSignerTest {

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

    private static X509CertificateHolder selfSigned(KeyHandle key, TokenContentSigner signer) {
        PublicKey publicKey = key.requirePublicKey();
        X500Name name = new X500Name("CN=" + key.label());
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                Date.from(now.plusSeconds(3600)), name, publicKey).build(signer);
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void certificateSignedOnTheToken_verifiesWithItsPublicKey(KeySpec spec) throws Exception {
        KeyHandle key = token.generateKeyPair(new KeyLabel("cs-" + spec.displayName()), spec);

        X509CertificateHolder certificate = selfSigned(key, new TokenContentSigner(token, key, spec.defaultScheme(), BC));

        assertThat(certificate.getSignatureAlgorithm()).isEqualTo(spec.defaultScheme().algorithmIdentifier());
        assertThat(certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC)
                .build(key.requirePublicKey()))).isTrue();
    }

    @Test
    void aBadSignatureFromTheToken_isCaughtBeforeItIsUsed() {
        KeyHandle key = token.generateKeyPair(new KeyLabel("cs-corrupted"), KeySpec.EC_P256);
        Token corrupting = new dev.ceremony.testing.CorruptingToken(token);

        assertThatThrownBy(() -> selfSigned(key, new TokenContentSigner(corrupting, key, SignatureScheme.ECDSA_SHA256, BC)))
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("does not verify")
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(TokenException.Reason.SIGNATURE_INVALID);
    }

    @Test
    void schemeOfTheWrongKeyType_isRefused() {
        KeyHandle key = token.generateKeyPair(new KeyLabel("cs-wrong-scheme"), KeySpec.EC_P256);

        assertThatThrownBy(() -> new TokenContentSigner(token, key, SignatureScheme.RSA_PKCS1_SHA256, BC))
                .hasMessageContaining("cannot sign with RSA_PKCS1_SHA256");
    }
}
