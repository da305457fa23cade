package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.media.ImportVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies the requests on the import medium into quarantine; the log holds each file's SHA-256 or refusal. */
final class ImportStep implements StepHandler {

    /** The record type the importer writes for each file it quarantines. */
    static final String IMPORTED = AuditTypes.MEDIA_FILE_IMPORTED;

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        List<ImportVerdict> verdicts = run.setup.media().importRequests(run.request.importFrom().orElseThrow(),
                run.setup.store().quarantine(), run.ceremony, run);
        long refused = verdicts.stream().filter(v -> !v.accepted()).count();
        for (ImportVerdict verdict : verdicts) {
            if (!verdict.accepted()) {
                run.operator.say("  refused " + verdict.name() + " [" + verdict.rule().orElseThrow() + "] "
                        + verdict.reason().orElseThrow());
            }
        }
        run.imported = verdicts.stream().filter(ImportVerdict::accepted).toList();
        run.operator.say("Imported " + run.imported.size() + " file(s) into quarantine; refused " + refused + ".");
        if (run.imported.isEmpty()) {
            throw new StepRefused("no request was imported from " + run.request.importFrom().orElseThrow()
                    + "; requests are files ending in .csr, .req, .pem or .der");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("import", run.ceremony);
        details.put("imported", (long) run.imported.size());
        details.put("refused", refused);
        return details;
    }

    /** What the interrupted run imported, as its log records say; the review checks each file's hash. */
    @Override
    public void restore(Run run, ScriptStep step) {
        List<ImportVerdict> imported = new ArrayList<>();
        for (AuditEntry entry : run.before.of(run.ceremony)) {
            if (entry.type().equals(IMPORTED)) {
                imported.add(ImportVerdict.imported(entry.dataText("name"), entry.dataText("sha256"),
                        entry.dataText("quarantine")));
            }
        }
        run.imported = imported;
    }
}
