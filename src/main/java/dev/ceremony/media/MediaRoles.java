package dev.ceremony.media;

import java.util.Objects;
import java.util.Optional;

/**
 * Which medium plays which part in a ceremony, bound by identity (UUID or label) once chosen: the
 * same medium is never both import and export, and the records medium is never an import source.
 */
public record MediaRoles(Optional<Medium> importFrom, Optional<Medium> exportTo, Medium records) {

    public MediaRoles {
        Objects.requireNonNull(importFrom, "importFrom");
        Objects.requireNonNull(exportTo, "exportTo");
        Objects.requireNonNull(records, "records");
        if (importFrom.isPresent() && exportTo.isPresent()
                && importFrom.get().identity().equals(exportTo.get().identity())) {
            throw new IllegalArgumentException("the medium " + importFrom.get().identity() + " cannot be both the "
                    + "import and the export medium of one ceremony; use two media");
        }
        if (importFrom.isPresent() && (importFrom.get().identity().equals(records.identity())
                || records.mountPoint().startsWith(importFrom.get().mountPoint()))) {
            throw new IllegalArgumentException("the records medium " + records.identity() + " is never used for import");
        }
    }
}
