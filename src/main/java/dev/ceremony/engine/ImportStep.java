package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.media.ImportVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
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
        // A retry after an interrupted import gets a folder of its own; only the completed import counts.
        String importId = run.ceremony;
        for (int attempt = 2; Files.exists(run.setup.store().quarantine().resolve(importId)); attempt++) {
            importId = run.ceremony + "-" + attempt;
        }
        List<ImportVerdict> verdicts = run.setup.media().importRequests(run.request.importFrom().orElseThrow(),
                run.setup.store().quarantine(), importId, run);
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
        details.put("import", importId);
        details.put("imported", (long) run.imported.size());
        details.put("refused", refused);
        return details;
    }

    /**
     * What the interrupted run imported, as its log records say: the files of the import the step
     * completed (an earlier, interrupted attempt is left out); the review checks each file's hash.
     */
    @Override
    public void restore(Run run, ScriptStep step) {
        List<AuditEntry> records = run.before.of(run.ceremony);
        String importId = records.stream().filter(e -> e.type().equals(AuditTypes.STEP)
                && step.id().equals(e.data().get("step")) && e.data().get("details") instanceof Map<?, ?>)
                .map(e -> String.valueOf(((Map<?, ?>) e.data().get("details")).get("import")))
                .reduce((first, second) -> second).orElse(run.ceremony);
        List<ImportVerdict> imported = new ArrayList<>();
        for (AuditEntry entry : records) {
            if (entry.type().equals(IMPORTED)
                    && Path.of(entry.dataText("quarantine")).getParent().getFileName().toString().equals(importId)) {
                imported.add(ImportVerdict.imported(entry.dataText("name"), entry.dataText("sha256"),
                        entry.dataText("quarantine")));
            }
        }
        run.imported = imported;
    }
}
