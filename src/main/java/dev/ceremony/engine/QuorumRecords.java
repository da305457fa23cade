package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.quorum.CustodianQuorum;
import dev.ceremony.quorum.PinRole;
import dev.ceremony.quorum.PinVerifier;
import dev.ceremony.quorum.Quorum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit log's form of a quorum ({@code quorum-set} records) and back. Nothing in it is secret. */
final class QuorumRecords {

    private QuorumRecords() {
    }

    /** "user" or "so", as the records and the script arguments write it. */
    static String name(PinRole role) {
        return role == PinRole.SO ? "so" : "user";
    }

    static PinRole roleOf(AuditEntry entry) {
        return parseRole(entry.dataText("pin"));
    }

    static PinRole parseRole(String text) {
        return switch (text) {
            case "user" -> PinRole.USER;
            case "so" -> PinRole.SO;
            default -> throw new IllegalArgumentException("'" + text + "' is not a PIN: user or so");
        };
    }

    static Map<String, Object> data(CustodianQuorum quorum) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pin", name(quorum.role()));
        data.put("quorum-id", quorum.quorum().id());
        data.put("threshold", quorum.quorum().threshold());
        data.put("shares", quorum.quorum().shares());
        data.put("secret-bytes", quorum.secretBytes());
        data.put("verifier", quorum.verifier().text());
        data.put("custodians", quorum.custodians());
        return data;
    }

    static CustodianQuorum quorumOf(AuditEntry entry) {
        try {
            Object custodians = entry.data().get("custodians");
            if (!(custodians instanceof List<?> names)) {
                throw new IllegalArgumentException("it names no custodians");
            }
            return new CustodianQuorum(roleOf(entry), new Quorum(entry.dataText("quorum-id"),
                    whole(entry, "threshold"), whole(entry, "shares")), whole(entry, "secret-bytes"),
                    PinVerifier.parse(entry.dataText("verifier")), names.stream().map(String::valueOf).toList());
        } catch (IllegalArgumentException e) {
            throw new StepRefused("the audit log's quorum record " + entry.seq() + " cannot be read (" + e.getMessage()
                    + "); run 'ceremony audit verify' on the log", e);
        }
    }

    private static int whole(AuditEntry entry, String field) {
        return Integer.parseInt(String.valueOf(entry.data().get(field)));
    }
}
