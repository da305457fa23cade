package dev.ceremony.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the log's quorum records say about each PIN: the quorum the token took, and one set but never taken. */
class QuorumLogTest {

    private long seq;

    private AuditEntry entry(String type, Map<String, Object> data) {
        return new AuditEntry(++seq, AuditEntry.GENESIS, "2026-11-22T00:00:00Z", "test", type, data,
                java.util.Optional.empty());
    }

    private static CustodianQuorum quorum(PinRole role, String id, List<String> custodians) {
        return new CustodianQuorum(role, new Quorum(id, 2, custodians.size()), QuorumPin.PREFERRED_BYTES,
                new PinVerifier(PinVerifier.MEMORY_KIB, PinVerifier.ITERATIONS, 1, new byte[16], new byte[32]), custodians);
    }

    private AuditEntry set(CustodianQuorum quorum) {
        return entry(AuditTypes.QUORUM_SET, QuorumLog.data(quorum));
    }

    private AuditEntry changed(CustodianQuorum quorum, String outcome) {
        return entry(AuditTypes.PIN_CHANGED, Map.of("pin", QuorumLog.name(quorum.role()), "quorum-id",
                quorum.quorum().id(), "outcome", outcome));
    }

    @Test
    void aQuorumCounts_onlyOnceTheTokenTookItsPin_andEachPinHasItsOwn() {
        CustodianQuorum user = quorum(PinRole.USER, "0000000a", List.of("Ann", "Bob", "Cid"));
        CustodianQuorum so = quorum(PinRole.SO, "0000000b", List.of("Sam", "Sue"));
        QuorumLog log = new QuorumLog();
        log.add(set(user));
        assertThat(log.current(PinRole.USER)).isEmpty();
        assertThat(log.candidates(PinRole.USER)).containsExactly(user);
        log.add(changed(user, "changed"));
        log.add(set(so));
        log.add(changed(so, "changed"));
        assertThat(log.current(PinRole.USER)).contains(user);
        assertThat(log.pending(PinRole.USER)).isEmpty();
        assertThat(log.current(PinRole.SO)).contains(so);
        assertThat(log.current(PinRole.USER).orElseThrow().custodian(3)).isEqualTo("Cid");
    }

    @Test
    void anInterruptedResharing_offersBothQuorums_andARefusedPinChangeLeavesTheOldOne() {
        CustodianQuorum old = quorum(PinRole.USER, "0000000a", List.of("Ann", "Bob"));
        CustodianQuorum next = quorum(PinRole.USER, "0000000c", List.of("Eve", "Fay"));
        QuorumLog log = new QuorumLog();
        log.add(set(old));
        log.add(changed(old, "changed"));
        log.add(set(next));
        assertThat(log.candidates(PinRole.USER)).containsExactly(old, next);
        log.add(changed(next, "refused"));
        assertThat(log.candidates(PinRole.USER)).containsExactly(old);
        log.add(set(next));
        log.add(changed(next, "changed"));
        assertThat(log.candidates(PinRole.USER)).containsExactly(next);
    }

    @Test
    void anUnreadableQuorumRecord_isNamedBySequenceNumber() {
        Map<String, Object> data = new java.util.LinkedHashMap<>(QuorumLog.data(quorum(PinRole.USER, "0000000a",
                List.of("Ann", "Bob"))));
        data.put("threshold", 7);
        AuditEntry bad = entry(AuditTypes.QUORUM_SET, data);
        assertThatThrownBy(() -> new QuorumLog().add(bad)).isInstanceOf(QuorumException.class)
                .hasMessageContaining("quorum record " + bad.seq() + " cannot be read");
    }
}
