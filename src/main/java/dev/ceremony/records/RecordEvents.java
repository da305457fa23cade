package dev.ceremony.records;

import dev.ceremony.audit.AuditEntry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How changes to the records are written into, and read back from, audit records. */
final class RecordEvents {

    private RecordEvents() {
    }

    static Map<String, Object> reservation(Reservation reservation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serial", reservation.serial().toString(16));
        data.put("issuer", reservation.issuerKeyId());
        data.put("profile", reservation.profile());
        data.put("tbs-sha256", reservation.tbsSha256());
        return data;
    }

    static Reservation reservation(AuditEntry entry) {
        return new Reservation(serial(entry), entry.dataText("issuer"), entry.dataText("profile"),
                entry.dataText("tbs-sha256"));
    }

    static Map<String, Object> issued(IssuedEntry issued) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serial", issued.serial().toString(16));
        data.put("issuer", issued.issuerKeyId());
        data.put("profile", issued.profile());
        data.put("subject", issued.subject());
        data.put("name", issued.subjectName());
        data.put("sans", List.copyOf(issued.alternativeNames()));
        data.put("public-key-sha256", issued.publicKeySha256());
        data.put("not-before", issued.notBefore().toString());
        data.put("not-after", issued.notAfter().toString());
        data.put("renewal", issued.renewal());
        return data;
    }

    static IssuedEntry issued(AuditEntry entry) {
        List<String> sans = new ArrayList<>();
        Object listed = entry.data().get("sans");
        if (listed instanceof List<?> values) {
            values.forEach(value -> sans.add((String) value));
        }
        return new IssuedEntry(serial(entry), entry.dataText("issuer"), entry.dataText("profile"),
                entry.dataText("subject"), entry.dataText("name"), sans, entry.dataText("public-key-sha256"),
                Instant.parse(entry.dataText("not-before")), Instant.parse(entry.dataText("not-after")),
                Boolean.TRUE.equals(entry.data().get("renewal")), Optional.empty());
    }

    static Map<String, Object> revocation(String issuer, BigInteger serial, Instant date, RevocationReason reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serial", serial.toString(16));
        data.put("issuer", issuer);
        data.put("date", date.toString());
        data.put("reason", reason.name());
        return data;
    }

    static Map<String, Object> crlNumber(String issuer, BigInteger number) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer", issuer);
        data.put("number", number.toString());
        return data;
    }

    static BigInteger serial(AuditEntry entry) {
        return new BigInteger(entry.dataText("serial"), 16);
    }
}
