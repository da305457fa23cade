package dev.ceremony.audit;

import java.util.Map;

/** Where ceremonies write their audit records: the port over the log file. */
public interface AuditTrail {

    /** Appends a record of the current ceremony; durable at the next {@link #sync()} or seal. */
    AuditEntry append(String type, Map<String, Object> data);

    /** Makes every record appended so far durable. */
    void sync();
}
