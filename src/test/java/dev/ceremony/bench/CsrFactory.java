package dev.ceremony.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Writes N device certificate requests (EC P-256, CN=device-000001 ...) into a folder, as the
 * batch benchmark's import medium. Each request has its own key, made here and thrown away.
 * Not a test: {@code bin/bench-batch} runs it.
 */
public final class CsrFactory {

    private CsrFactory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: CsrFactory COUNT FOLDER [NAME-PREFIX]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Path folder = Files.createDirectories(Path.of(args[1]));
        String prefix = args.length == 3 ? args[2] : "device";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
        for (int i = 1; i <= count; i++) {
            KeyPair key = generator.generateKeyPair();
            String id = String.format("%s-%06d", prefix, i);
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + id),
                    key.getPublic()).build(signer.build(key.getPrivate()));
            Files.writeString(folder.resolve(id + ".csr"), pem(request), StandardCharsets.US_ASCII);
        }
    }

    private static String pem(PKCS10CertificationRequest request) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(request);
        }
        return text.toString();
    }
}
