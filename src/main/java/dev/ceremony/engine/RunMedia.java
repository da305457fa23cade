package dev.ceremony.engine;

import dev.ceremony.media.MediaException;
import dev.ceremony.media.MediaPlace;
import dev.ceremony.media.MediaRole;
import dev.ceremony.media.MediaRoles;
import java.util.EnumMap;
import java.util.Map;

/** Binds a run's folders to their parts before anything is written, held to {@link MediaRoles}. */
final class RunMedia {

    private RunMedia() {
    }

    /**
     * The import and export media the request names and the records directory, placed on the file
     * system and checked apart.
     *
     * @throws StepRefused saying which two parts share a folder, or lie one inside the other
     */
    static MediaRoles bind(EngineSetup setup, RunRequest request) {
        try {
            Map<MediaRole, MediaPlace> places = new EnumMap<>(MediaRole.class);
            request.importFrom().ifPresent(folder -> places.put(MediaRole.IMPORT, setup.media().place(folder)));
            request.exportTo().ifPresent(folder -> places.put(MediaRole.EXPORT, setup.media().place(folder)));
            places.put(MediaRole.RECORDS, setup.media().place(setup.config().recordsDirectory()));
            return new MediaRoles(places);
        } catch (MediaException e) {
            throw new StepRefused(e.getMessage() + ". Nothing was written or touched");
        }
    }
}
