package dev.ceremony.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A throwaway appliance for {@code ceremony demo}, in one folder: a SoftHSM2 token (made with
 * softhsm2-util) marked as a rehearsal token, a ceremony.yaml for it, an import "medium" with a few
 * server and device requests, and an empty export "medium". Never for production keys.
 */
final class DemoAppliance {

    /** The demo token's user PIN, shown on the screen where it is asked for. Rehearsal only. */
    static final String PIN = "1234-demo";

    /** The demo token's SO PIN, shown on the welcome screen for quorum-setup. Rehearsal only. */
    static final String SO_PIN = "5678-demo-so";
    static final String LABEL = "demo";

    private final Path folder;
    private final Path home;

    /**
     * @param home where the ceremony scripts, profiles and token families are installed
     *     ({@code ceremony-scripts/}, {@code hsm-config/})
     */
    DemoAppliance(Path folder, Path home) {
        this.folder = folder.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
    }

    Path config() {
        return folder.resolve("ceremony.yaml");
    }

    Path softhsmConfig() {
        return folder.resolve("softhsm2.conf");
    }

    Path importFolder() {
        return folder.resolve("usb-import");
    }

    Path exportFolder() {
        return folder.resolve("usb-export");
    }

    boolean exists() {
        return Files.exists(config());
    }

    /** Makes everything; the folder must be new or empty. */
    void create() throws IOException, InterruptedException {
        Files.createDirectories(folder);
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new CommandFailure(folder + " is not empty; the demo makes its appliance in a new or empty "
                        + "folder, and reopens one it made before");
            }
        }
        for (Path needed : List.of(home.resolve("ceremony-scripts"), home.resolve("hsm-config/softhsm2.yaml"))) {
            if (!Files.exists(needed)) {
                throw new CommandFailure(needed + " is missing: the demo needs the ceremony scripts and token families"
                        + " of an installation (--home)");
            }
        }
        Path tokens = Files.createDirectories(folder.resolve("tokens"));
        Files.writeString(softhsmConfig(), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.US_ASCII);
        ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", LABEL,
                "--so-pin", SO_PIN, "--pin", PIN).redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", softhsmConfig().toString());
        Process process;
        try {
            process = init.start();
        } catch (IOException e) {
            throw new CommandFailure("softhsm2-util cannot run (" + e.getMessage() + "); install SoftHSM2: "
                    + "sudo apt-get install softhsm2");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new CommandFailure("softhsm2-util could not make the demo token: " + output.strip());
        }
        Files.createDirectories(importFolder());
        Files.createDirectories(exportFolder());
        writeRequests();
        Files.writeString(config(), """
                # Demo appliance made by 'ceremony demo'. A throwaway rehearsal token: never for production keys.
                dn-defaults:
                  country: DE
                  organization: Demo Organisation
                token:
                  hsm-config: %s
                  label: %s
                  use: rehearsal
                records:
                  directory: %s
                scripts:
                  directory: %s
                policy:
                  permitted-domains: [example.com]
                  device-uri-domain: fleet.example.com
                media:
                  directories: [%s, %s]
                preflight:
                  allow-network: true    # a demo machine is usually online; the override is recorded
                """.formatted(home.resolve("hsm-config/softhsm2.yaml"), LABEL, folder.resolve("records"),
                home.resolve("ceremony-scripts"), importFolder(), exportFolder()), StandardCharsets.UTF_8);
    }

    /** Two MQTT brokers and four devices, each with a fresh P-256 key made here and thrown away. */
    private void writeRequests() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
            for (String server : List.of("mqtt.example.com", "mqtt-backup.example.com")) {
                KeyPair key = generator.generateKeyPair();
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
                        GeneralName.dNSName, server)));
                PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN="
                        + server), key.getPublic()).addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                                extensions.generate()).build(signer.build(key.getPrivate()));
                write(importFolder().resolve(server + ".csr"), request);
            }
            for (int i = 1; i <= 4; i++) {
                KeyPair key = generator.generateKeyPair();
                String id = String.format("device-%04d", i);
                write(importFolder().resolve(id + ".csr"), new JcaPKCS10CertificationRequestBuilder(new X500Name("CN="
                        + id), key.getPublic()).build(signer.build(key.getPrivate())));
            }
        } catch (java.security.GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IOException("cannot make the sample requests: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, PKCS10CertificationRequest request) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(request);
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }
}
