package dev.ceremony.engine;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.audit.LogLines;
import dev.ceremony.text.KebabCase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The folders a ceremony began and never completed: an export folder without its SHA256SUMS, a
 * quarantine folder of an import that did not complete. The log says which they are (each is
 * recorded before it is created); the ceremony's next run and its abort remove them, and record
 * each one they cannot remove, which the transcript and {@code status} then name.
 */
public final class IncompleteFolders {

    /** What a folder was for. */
    public enum Kind { EXPORT, QUARANTINE }

    /** A folder a ceremony started and never completed nor removed. */
    public record Folder(String ceremony, Kind kind, Path path) {
    }

    private static final Set<String> TYPES = Set.of(AuditTypes.FOLDER_STARTED, AuditTypes.EXPORT_WRITTEN,
            AuditTypes.STEP, AuditTypes.INCOMPLETE_FOLDER);

    private final Map<Path, Folder> pending = new LinkedHashMap<>();

    private IncompleteFolders() {
    }

    /** Records, and makes durable, that {@code run} is about to create {@code folder}. */
    static void starting(Run run, Kind kind, Path folder) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", KebabCase.of(kind));
        data.put("folder", folder.toString());
        run.append(AuditTypes.FOLDER_STARTED, data);
        run.sync();
    }

    /**
     * Removes each folder this ceremony left incomplete, recording each outcome; a folder that cannot
     * be removed (its medium is not in sight, say) is recorded as left, with why, and named to the officer.
     */
    static void clear(Run run) {
        IncompleteFolders folders = new IncompleteFolders();
        run.eachRecord(TYPES, folders::see);
        for (Folder folder : folders.pending.values()) {
            Optional<String> kept = folder.kind() == Kind.EXPORT ? run.setup.media().removeIncompleteExport(folder.path())
                    : run.setup.store().removeIncompleteImport(folder.path());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("kind", KebabCase.of(folder.kind()));
            data.put("folder", folder.path().toString());
            data.put("outcome", kept.isEmpty() ? "removed" : "left");
            kept.ifPresent(reason -> data.put("reason", reason));
            run.append(AuditTypes.INCOMPLETE_FOLDER, data);
            run.operator.say(kept.map(reason -> "Could not remove the incomplete " + KebabCase.of(folder.kind())
                    + " folder " + folder.path() + " this ceremony left: " + reason + ". Remove it by hand.")
                    .orElse("Removed the incomplete " + KebabCase.of(folder.kind()) + " folder " + folder.path()
                            + " this ceremony left."));
        }
        run.sync();
    }

    /** Every folder the ceremonies of {@code log} started and neither completed nor removed, in log order. */
    public static List<Folder> pending(InputStream log) throws IOException {
        IncompleteFolders folders = new IncompleteFolders();
        try (log) {
            LogLines.read(log, (bytes, from, to) -> {
                if (TYPES.contains(String.valueOf(AuditEntry.typeOf(bytes, from, to)))) {
                    folders.see(AuditEntry.parse(new String(bytes, from, to - from, StandardCharsets.UTF_8)));
                }
            });
        }
        return new ArrayList<>(folders.pending.values());
    }

    private void see(AuditEntry entry) {
        switch (entry.type()) {
            case AuditTypes.FOLDER_STARTED -> {
                Path path = Path.of(entry.dataText("folder"));
                pending.put(path, new Folder(entry.ceremony(), KebabCase.parse(Kind.class, entry.dataText("kind")),
                        path));
            }
            case AuditTypes.EXPORT_WRITTEN -> pending.remove(Path.of(entry.dataText("folder")));
            case AuditTypes.INCOMPLETE_FOLDER -> {
                if (entry.dataText("outcome").equals("removed")) {
                    pending.remove(Path.of(entry.dataText("folder")));
                }
            }
            case AuditTypes.STEP -> {
                // A completed import step names the import, whose quarantine folder is then complete.
                if (entry.data().get("details") instanceof Map<?, ?> details && details.get("import") != null) {
                    String id = String.valueOf(details.get("import"));
                    pending.values().removeIf(folder -> folder.kind() == Kind.QUARANTINE
                            && folder.ceremony().equals(entry.ceremony())
                            && folder.path().getFileName().toString().equals(id));
                }
            }
            default -> {
            }
        }
    }
}
