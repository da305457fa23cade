package dev.ceremony.audit;

import java.util.Map;

/** The audit log as a ceremony drives it: records, ceremony starts, seals and the head hash. */
public interface CeremonyLog extends AuditTrail {

    /** Starts a ceremony; its first record carries the previous ceremony's head hash. */
    AuditEntry startCeremony(String ceremony, Map<String, Object> data);

    /** Signs a seal with the audit key, appends it and makes the log durable. */
    AuditEntry seal(SealSigner signer);

    /** The hash of the last record: what the witnesses write down after a seal. */
    String head();
}
