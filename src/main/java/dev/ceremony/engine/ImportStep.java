package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.media.ImportVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Copies the requests on the import medium into quarantine; the log holds each file's SHA-256 or
 * refusal, and is where the review reads them back from (nothing of the import is kept in memory).
 */
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
        long[] counts = {0, 0};
        IncompleteFolders.starting(run, IncompleteFolders.Kind.QUARANTINE, run.setup.store().quarantine()
                .resolve(importId));
        run.setup.media().importRequests(run.request.importFrom().orElseThrow(), run.setup.store().quarantine(),
                importId, run, verdict -> {
                    if (verdict.accepted()) {
                        counts[0]++;
                    } else {
                        counts[1]++;
                        run.operator.say("  refused " + verdict.name() + " [" + verdict.rule().orElseThrow() + "] "
                                + verdict.reason().orElseThrow());
                    }
                });
        run.operator.say("Imported " + counts[0] + " file(s) into quarantine; refused " + counts[1] + ".");
        if (counts[0] == 0) {
            throw new StepRefused("no request was imported from " + run.request.importFrom().orElseThrow()
                    + "; requests are files ending in .csr, .req, .pem or .der");
        }
        run.importId = Optional.of(importId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("import", importId);
        details.put("imported", counts[0]);
        details.put("refused", counts[1]);
        return details;
    }

    /**
     * The import the interrupted run completed, as its step record says; an earlier, interrupted
     * attempt is left out.
     */
    @Override
    public void restore(Run run, ScriptStep step) {
        run.importId = Optional.of(StepHandler.completedDetails(run, step).map(details -> String.valueOf(
                details.get("import"))).orElse(run.ceremony));
    }

    /** Whether an {@code imported} record belongs to the import {@code importId}. */
    static boolean belongsTo(AuditEntry imported, String importId) {
        return Path.of(imported.dataText("quarantine")).getParent().getFileName().toString().equals(importId);
    }

    /** A file the import put into quarantine, as its record says. */
    static ImportVerdict file(AuditEntry imported) {
        return ImportVerdict.imported(imported.dataText("name"), imported.dataText("sha256"),
                imported.dataText("quarantine"));
    }
}
