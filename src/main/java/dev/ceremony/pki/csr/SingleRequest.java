package dev.ceremony.pki.csr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The DER of the one request a file holds. A file holds exactly one request and nothing else: a
 * second PEM block or DER structure, or any data before or after the one, would otherwise be
 * silently ignored (the officer would review one request while the file carries another), so it is
 * refused with what was found.
 */
final class SingleRequest {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^\\r\\n-]*)-----");
    private static final Pattern END = Pattern.compile("-----END [^\\r\\n-]*-----");

    private SingleRequest() {
    }

    /** @throws CsrException ({@code csr-format}) unless the bytes are exactly one PEM block or one DER structure */
    static byte[] der(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        return text.contains("-----BEGIN") ? pem(text) : onlyStructure(bytes);
    }

    private static byte[] pem(String text) {
        List<String> types = new ArrayList<>();
        Matcher begin = BEGIN.matcher(text);
        while (begin.find()) {
            types.add(begin.group(1));
        }
        if (types.size() != 1) {
            throw new CsrException("csr-format", "the file holds " + types.size() + " PEM blocks (" + String.join(", ",
                    types) + "); a file must hold exactly one CERTIFICATE REQUEST block and nothing else");
        }
        Matcher end = END.matcher(text);
        int first = text.indexOf("-----BEGIN");
        if (!end.find(first)) {
            throw new CsrException("csr-format", "the PEM block " + types.get(0) + " has no END line");
        }
        List<String> around = new ArrayList<>();
        if (!text.substring(0, first).isBlank()) {
            around.add(first + " bytes of other data before its PEM block");
        }
        if (!text.substring(end.end()).isBlank()) {
            around.add((text.length() - end.end()) + " bytes of other data after its PEM block");
        }
        if (!around.isEmpty()) {
            throw new CsrException("csr-format", "the file holds " + String.join(" and ", around)
                    + "; a file must hold exactly one CERTIFICATE REQUEST block and nothing else");
        }
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !(pem.getType().equals("CERTIFICATE REQUEST")
                    || pem.getType().equals("NEW CERTIFICATE REQUEST"))) {
                throw new CsrException("csr-format", "the PEM file holds no CERTIFICATE REQUEST block");
            }
            return onlyStructure(pem.getContent());
        } catch (IOException e) {
            throw new CsrException("csr-format", "the PEM text is damaged: " + e.getMessage());
        }
    }

    /** The bytes when they are one DER structure with nothing after it; the request's parser judges the rest. */
    private static byte[] onlyStructure(byte[] der) {
        int structures = 0;
        int end = 0;
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(der), der.length)) {
            while (in.readObject() != null) {
                structures++;
                end = der.length - in.available();
            }
        } catch (IOException | RuntimeException e) {
            if (structures == 0) {
                return der;
            }
        }
        if (structures > 1) {
            throw new CsrException("csr-format", "the file holds " + structures + " DER structures; a file must hold "
                    + "exactly one certificate request and nothing else");
        }
        if (structures == 1 && end < der.length) {
            throw new CsrException("csr-format", "the file holds " + (der.length - end) + " bytes of other data after "
                    + "its DER structure; a file must hold exactly one certificate request and nothing else");
        }
        return der;
    }
}
