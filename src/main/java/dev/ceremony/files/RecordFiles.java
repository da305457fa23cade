package dev.ceremony.files;

import dev.ceremony.pki.Pem;
import dev.ceremony.records.RecordsException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The files of the records directory besides the journal, each written once and never replaced:
 * {@code ca/<name>.cert.pem}, {@code crl/<issuer-ski>-<number>.crl} and the bundles of signed
 * certificates {@code certs/<issuer-ski>/<first-serial>-<count>.pem}.
 */
final class RecordFiles {

    private static final Pattern CA_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{2,128}");

    private final Path directory;

    RecordFiles(Path directory) {
        this.directory = directory;
    }

    void writeCaCertificate(String name, X509CertificateHolder certificate) {
        if (!CA_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("CA certificate name '" + name + "' must be lower-case letters, digits "
                    + "and '-'");
        }
        write(caFile(name), Pem.certificate(certificate).getBytes(StandardCharsets.US_ASCII), "CA certificate");
    }

    Optional<X509CertificateHolder> caCertificate(String name) {
        Path file = caFile(name);
        return Files.exists(file) ? Optional.of(readPem(file, null)) : Optional.empty();
    }

    List<String> caCertificateNames() {
        try (var files = Files.list(directory.resolve("ca"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".cert.pem"))
                    .map(name -> name.substring(0, name.length() - ".cert.pem".length())).sorted().toList();
        } catch (IOException e) {
            throw new RecordsException("cannot list " + directory.resolve("ca") + ": " + e.getMessage(), e);
        }
    }

    void writeCrl(String issuerKeyId, BigInteger number, byte[] der) {
        write(directory.resolve("crl").resolve(keyId(issuerKeyId) + "-" + number + ".crl"), der, "CRL");
    }

    Optional<byte[]> latestCrl(String issuerKeyId) {
        Path crls = directory.resolve("crl");
        if (!Files.isDirectory(crls)) {
            return Optional.empty();
        }
        String prefix = issuerKeyId + "-";
        try (var files = Files.list(crls)) {
            Optional<Path> latest = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".crl")
                        && name.substring(prefix.length(), name.length() - 4).matches("[0-9]+");
            }).max(Comparator.comparing(file -> {
                String name = file.getFileName().toString();
                return new BigInteger(name.substring(prefix.length(), name.length() - 4));
            }));
            return latest.isEmpty() ? Optional.empty() : Optional.of(Files.readAllBytes(latest.get()));
        } catch (IOException e) {
            throw new RecordsException("cannot read the CRLs in " + crls + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one bundle of signed certificates; returns its name relative to certs/. A bundle with
     * the same name and the same bytes is the one a crash left before the journal named it: the
     * repair from the audit log finds it there and keeps it. Different bytes are never replaced.
     */
    String writeBundle(String issuerKeyId, List<X509CertificateHolder> certificates) {
        String name = keyId(issuerKeyId) + "/" + certificates.get(0).getSerialNumber().toString(16) + "-"
                + certificates.size() + ".pem";
        Path file = directory.resolve("certs").resolve(name);
        byte[] content = Pem.certificates(certificates).getBytes(StandardCharsets.US_ASCII);
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
                return name;
            }
        } catch (IOException e) {
            throw new RecordsException("cannot read " + file + ": " + e.getMessage(), e);
        }
        write(file, content, "certificates");
        return name;
    }

    /** The certificate with {@code serial} from a bundle. */
    X509CertificateHolder fromBundle(String name, BigInteger serial) {
        return readPem(directory.resolve("certs").resolve(name), serial);
    }

    private Path caFile(String name) {
        return directory.resolve("ca").resolve(name + ".cert.pem");
    }

    private static String keyId(String issuerKeyId) {
        if (!KEY_ID.matcher(issuerKeyId).matches()) {
            throw new IllegalArgumentException("issuer key id '" + issuerKeyId + "' is not lower-case hex");
        }
        return issuerKeyId;
    }

    private static void write(Path file, byte[] content, String what) {
        try {
            OwnerOnly.createDirectories(file.getParent());
            DurableFiles.createNew(file, content);
        } catch (IOException e) {
            throw new RecordsException("cannot store " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first certificate of a PEM file, or the one with {@code serial}. */
    private static X509CertificateHolder readPem(Path file, BigInteger serial) {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            for (var pem = reader.readPemObject(); pem != null; pem = reader.readPemObject()) {
                X509CertificateHolder certificate = new X509CertificateHolder(pem.getContent());
                if (serial == null || certificate.getSerialNumber().equals(serial)) {
                    return certificate;
                }
            }
            throw new RecordsException(file + " does not hold the certificate the journal names"
                    + (serial == null ? "" : " (serial " + serial.toString(16) + ")"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof RecordsException records) {
                throw records;
            }
            throw new RecordsException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
