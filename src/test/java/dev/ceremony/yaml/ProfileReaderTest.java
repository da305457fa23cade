package dev.ceremony.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.config.ConfigException;
import dev.ceremony.pki.CertificateProfile;
import dev.ceremony.pki.ExtendedKeyUsage;
import dev.ceremony.pki.KeyUsageBit;
import dev.ceremony.pki.ProfileKind;
import dev.ceremony.pki.SanSource;
import dev.ceremony.token.KeyType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileReaderTest {

    private static final Path PROFILES = Path.of(System.getProperty("ceremony.project.dir", "."))
            .resolve("ceremony-scripts/profiles");

    private final ProfileReader reader = new ProfileReader(new StrictYaml());

    @TempDir
    Path dir;

    @Test
    void shippedProfiles_sayWhatTheSeedsAsk() {
        CertificateProfile root = reader.read(PROFILES.resolve("root-ca.yaml"));
        CertificateProfile intermediate = reader.read(PROFILES.resolve("intermediate-ca.yaml"));
        CertificateProfile server = reader.read(PROFILES.resolve("mqtt-server.yaml"));
        CertificateProfile device = reader.read(PROFILES.resolve("mqtt-device.yaml"));
        CertificateProfile audit = reader.read(PROFILES.resolve("audit-signer.yaml"));

        assertThat(root.kind()).isEqualTo(ProfileKind.ROOT_CA);
        assertThat(root.defaultDays()).isEqualTo(3650);
        assertThat(root.keyUsage()).containsExactlyInAnyOrder(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN);
        assertThat(intermediate.pathLength()).contains(0);
        assertThat(intermediate.defaultDays()).isEqualTo(1825);
        assertThat(intermediate.nameConstraintsAllowed()).isTrue();
        assertThat(server.keyUsageFor(KeyType.EC)).containsExactly(KeyUsageBit.DIGITAL_SIGNATURE);
        assertThat(server.keyUsageFor(KeyType.RSA))
                .containsExactlyInAnyOrder(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT);
        assertThat(server.extendedKeyUsage()).containsExactly(ExtendedKeyUsage.SERVER_AUTH);
        assertThat(server.sans()).isEqualTo(SanSource.REQUEST_DNS_IP);
        assertThat(server.defaultDays()).isEqualTo(365);
        assertThat(server.allowLoopbackIp()).as("loopback is off unless a profile says so").isFalse();
        assertThat(device.sans()).isEqualTo(SanSource.AMQTT_DEVICE);
        assertThat(device.extendedKeyUsage()).containsExactly(ExtendedKeyUsage.CLIENT_AUTH);
        assertThat(audit.extendedKeyUsage()).containsExactly(ExtendedKeyUsage.DOCUMENT_SIGNING);
        assertThat(audit.keyUsage()).containsExactly(KeyUsageBit.DIGITAL_SIGNATURE);
    }

    @Test
    void optionalDistributionPointsAccessAndPolicies_areRead() throws IOException {
        Path file = Files.writeString(dir.resolve("mqtt-server.yaml"), Files.readString(PROFILES.resolve("mqtt-server.yaml"))
                + "crl-distribution-points: [http://pki.example.com/server-ca.crl]\n"
                + "authority-information-access:\n  ca-issuers: [http://pki.example.com/server-ca.cer]\n"
                + "  ocsp: [http://ocsp.example.com/]\n"
                + "certificate-policies: [1.3.6.1.4.1.55555.1.1]\n");

        CertificateProfile profile = reader.read(file);

        assertThat(profile.crlDistributionPoints()).containsExactly(URI.create("http://pki.example.com/server-ca.crl"));
        assertThat(profile.caIssuers()).containsExactly(URI.create("http://pki.example.com/server-ca.cer"));
        assertThat(profile.ocsp()).containsExactly(URI.create("http://ocsp.example.com/"));
        assertThat(profile.certificatePolicies()).containsExactly("1.3.6.1.4.1.55555.1.1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field            | mqtt-server  | renewal: true               | renewal: true\\nvaliditiy: 3       | :20: validitiy: unknown field 'validitiy'
            bad kind                 | mqtt-server  | kind: end-entity            | kind: leaf                         | kind: 'leaf' is not one of root-ca, intermediate-ca, end-entity
            unknown key usage        | mqtt-server  | key-usage: [digital-signature] | key-usage: [digital-signing]    | key-usage[0]: 'digital-signing' is not one of digital-signature
            key usage twice          | mqtt-server  | key-usage: [digital-signature] | key-usage: [digital-signature, digital-signature] | key-usage[1]: listed twice
            leaf signing certs       | mqtt-server  | key-usage: [digital-signature] | key-usage: [digital-signature, key-cert-sign] | key-usage: an end-entity profile must not include key-cert-sign
            leaf without EKU         | mqtt-server  | extended-key-usage: [server-auth] | extended-key-usage: []           | extended-key-usage: an end-entity profile must name at least one
            CA without crl-sign      | root-ca      | key-usage: [key-cert-sign, crl-sign] | key-usage: [key-cert-sign]   | key-usage: a CA profile must include key-cert-sign and crl-sign
            CA not critical          | root-ca      | critical: true              | critical: false                    | basic-constraints.critical: must be true for a CA
            default above max        | mqtt-server  | default-days: 365           | default-days: 900                  | validity: need 1 <= default-days <= max-days
            https CRL URL            | mqtt-server  | renewal: true               | renewal: true\\ncrl-distribution-points: [https://x.example.com/a.crl] | crl-distribution-points: 'https://x.example.com/a.crl' must be an http:// URL
            bad policy OID           | mqtt-server  | renewal: true               | renewal: true\\ncertificate-policies: [1.2.x] | certificate-policies: '1.2.x' is not an OID
            wildcards on device      | mqtt-device  | renewal: false              | renewal: false\\nwildcards: true   | wildcards: only profiles with subject-alternative-names: request-dns-ip
            loopback on device       | mqtt-device  | renewal: false              | renewal: false\\nallow-loopback-ip: true | allow-loopback-ip: only profiles with subject-alternative-names: request-dns-ip
            name and file differ     | mqtt-device  | name: mqtt-device           | name: mqtt-devices                 | name: the profile 'mqtt-devices' must live in a file named mqtt-devices.yaml
            path length on a leaf    | mqtt-device  | critical: true              | critical: true\\n  path-length: 0 | basic-constraints.path-length: only a CA profile has one
            renewal of a CA          | intermediate-ca | name-constraints-allowed: true | name-constraints-allowed: true\\nrenewal: true | renewal: CA keys are rotated by a ceremony
            """)
    void badProfile_isRefusedWithFileAndPath(String name, String profile, String replace, String with, String expected)
            throws IOException {
        String text = Files.readString(PROFILES.resolve(profile + ".yaml"));
        String broken = text.replace(replace, with.replace("\\n", "\n"));
        assertThat(broken).isNotEqualTo(text);
        Path file = Files.writeString(dir.resolve(profile + ".yaml"), broken);

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            default above max    | mqtt-server | default-days: 365 | default-days: 900     | '  default-days:'    | validity
            CA not critical      | root-ca     | critical: true    | critical: false       | '  critical:'        | basic-constraints.critical
            leaf signing certs   | mqtt-server | key-usage: [digital-signature] | key-usage: [digital-signature, key-cert-sign] | key-usage: | key-usage
            """)
    void aProfileCheckAcrossFields_isReportedAtTheFieldItNames_onTheLineOfItsValue(String name, String profile, String replace,
            String with, String fieldLine, String path) throws IOException {
        String broken = Files.readString(PROFILES.resolve(profile + ".yaml")).replace(replace, with);
        Path file = Files.writeString(dir.resolve(profile + ".yaml"), broken);
        int line = broken.lines().toList().indexOf(broken.lines().filter(l -> l.startsWith(fieldLine)).findFirst()
                .orElseThrow()) + 1;

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + line + ": " + path + ": ");
    }

    @Test
    void everyShippedProfile_isValid() throws IOException {
        try (var files = Files.list(PROFILES)) {
            Set<String> names = files.map(reader::read).map(CertificateProfile::name)
                    .collect(java.util.stream.Collectors.toSet());
            assertThat(names).containsExactlyInAnyOrder("root-ca", "intermediate-ca", "mqtt-server", "mqtt-device",
                    "audit-signer");
        }
    }
}
