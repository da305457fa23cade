package dev.ceremony.engine;

import dev.ceremony.media.MediaException;
import dev.ceremony.media.MediaPlace;
import dev.ceremony.media.MediaRole;
import dev.ceremony.media.MediaRoles;
import java.util.EnumMap;
import java.util.Map;

/** Binds a run's folders to their parts before anything is written, held to {@link MediaRoles}. */
final class RunMedia {

    /** What a run that imports without an import medium is told. */
    static final String NO_IMPORT = "this ceremony imports requests: name the import medium (--import DIR)";

    /** What a run that exports without an export medium is told. */
    static final String NO_EXPORT = "this ceremony exports: name the export medium (--export DIR)";

    private RunMedia() {
    }

    private static boolean uses(CeremonyScript script, StepAction action) {
        return script.steps().stream().anyMatch(step -> step.action() == action);
    }

    /**
     * The import and export media the request names, the records directory and its mirror, placed on the file
     * system and checked apart; a script that imports or exports needs its medium named.
     *
     * @throws StepRefused saying which medium is missing, or which two parts share a folder or lie
     *     one inside the other
     */
    static MediaRoles bind(EngineSetup setup, RunRequest request) {
        CeremonyScript script = request.script().script();
        if (uses(script, StepAction.IMPORT_CSRS) && request.importFrom().isEmpty()) {
            throw new StepRefused(NO_IMPORT + ". Nothing was written or touched");
        }
        if (uses(script, StepAction.EXPORT) && request.exportTo().isEmpty()) {
            throw new StepRefused(NO_EXPORT + ". Nothing was written or touched");
        }
        try {
            Map<MediaRole, MediaPlace> places = new EnumMap<>(MediaRole.class);
            request.importFrom().ifPresent(folder -> places.put(MediaRole.IMPORT, setup.media().place(folder)));
            request.exportTo().ifPresent(folder -> places.put(MediaRole.EXPORT, setup.media().place(folder)));
            places.put(MediaRole.RECORDS, setup.media().place(setup.config().recordsDirectory()));
            setup.config().mirrorDirectory().ifPresent(folder -> places.put(MediaRole.MIRROR,
                    setup.media().place(folder)));
            return new MediaRoles(places);
        } catch (MediaException e) {
            throw new StepRefused(e.getMessage() + ". Nothing was written or touched");
        }
    }
}
