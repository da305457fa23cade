package dev.ceremony.quorum;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quorums the audit log records for the token's PINs: its {@code quorum-set} records (read
 * and written here) and the {@code pin-changed} records that say the token took a quorum's PIN.
 * Fed the log's quorum records in order, it knows, for each PIN, the quorum the token holds and a
 * newer one set but never recorded as taken (a re-sharing interrupted around C_SetPIN, when the
 * token may hold either PIN). Nothing here is secret.
 */
public final class QuorumLog {

    private final Map<PinRole, CustodianQuorum> current = new EnumMap<>(PinRole.class);
    private final Map<PinRole, CustodianQuorum> pending = new EnumMap<>(PinRole.class);

    /** Whether the log reader should hand this record type on to {@link #add}. */
    public static boolean wanted(String type) {
        return type.equals(AuditTypes.QUORUM_SET) || type.equals(AuditTypes.PIN_CHANGED);
    }

    /**
     * Takes the next quorum record of the log.
     *
     * @throws QuorumException when the record cannot be read
     */
    public void add(AuditEntry entry) {
        PinRole role = roleOf(entry);
        if (entry.type().equals(AuditTypes.QUORUM_SET)) {
            pending.put(role, quorumOf(entry));
        } else if (entry.type().equals(AuditTypes.PIN_CHANGED)) {
            CustodianQuorum set = pending.get(role);
            if (set != null && set.quorum().id().equals(entry.dataText("quorum-id"))) {
                // A refused C_SetPIN left the earlier PIN on the token: that quorum never took effect.
                if (!"refused".equals(entry.data().get("outcome"))) {
                    current.put(role, set);
                }
                pending.remove(role);
            }
        }
    }

    /** The quorum the token's {@code role} PIN is under, when the log records one. */
    public java.util.Optional<CustodianQuorum> current(PinRole role) {
        return java.util.Optional.ofNullable(current.get(role));
    }

    /** A quorum set after the current one but never recorded as taken by the token. */
    public java.util.Optional<CustodianQuorum> pending(PinRole role) {
        return java.util.Optional.ofNullable(pending.get(role));
    }

    /** The quorums whose shares may give the {@code role} PIN: the current one first. Empty: the PIN is typed. */
    public List<CustodianQuorum> candidates(PinRole role) {
        List<CustodianQuorum> out = new ArrayList<>();
        current(role).ifPresent(out::add);
        pending(role).ifPresent(out::add);
        return out;
    }

    /** "user" or "so", as the records and the script arguments write it. */
    public static String name(PinRole role) {
        return role == PinRole.SO ? "so" : "user";
    }

    /** Reads "user" or "so". */
    public static PinRole parseRole(String text) {
        return switch (text) {
            case "user" -> PinRole.USER;
            case "so" -> PinRole.SO;
            default -> throw new IllegalArgumentException("'" + text + "' is not a PIN: user or so");
        };
    }

    /**
     * The fields every quorum record starts with, whose PIN and which quorum, in a map the caller
     * adds its own fields to.
     */
    public static Map<String, Object> head(CustodianQuorum quorum) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pin", name(quorum.role()));
        data.put("quorum-id", quorum.quorum().id());
        return data;
    }

    /** The {@code quorum-set} record's data for {@code quorum}. */
    public static Map<String, Object> data(CustodianQuorum quorum) {
        Map<String, Object> data = head(quorum);
        data.put("threshold", quorum.quorum().threshold());
        data.put("shares", quorum.quorum().shares());
        data.put("secret-bytes", quorum.secretBytes());
        data.put("verifier", quorum.verifier().text());
        data.put("custodians", quorum.custodians());
        return data;
    }

    private static PinRole roleOf(AuditEntry entry) {
        try {
            return parseRole(entry.dataText("pin"));
        } catch (IllegalArgumentException e) {
            throw unreadable(entry, e);
        }
    }

    private static CustodianQuorum quorumOf(AuditEntry entry) {
        try {
            Object custodians = entry.data().get("custodians");
            if (!(custodians instanceof List<?> names)) {
                throw new IllegalArgumentException("it names no custodians");
            }
            return new CustodianQuorum(roleOf(entry), new Quorum(entry.dataText("quorum-id"),
                    whole(entry, "threshold"), whole(entry, "shares")), whole(entry, "secret-bytes"),
                    PinVerifier.parse(entry.dataText("verifier")), names.stream().map(String::valueOf).toList());
        } catch (IllegalArgumentException e) {
            throw unreadable(entry, e);
        }
    }

    private static QuorumException unreadable(AuditEntry entry, IllegalArgumentException e) {
        return new QuorumException("the audit log's quorum record " + entry.seq() + " cannot be read ("
                + e.getMessage() + "); run 'ceremony audit verify' on the log");
    }

    private static int whole(AuditEntry entry, String field) {
        return Integer.parseInt(String.valueOf(entry.data().get(field)));
    }
}
