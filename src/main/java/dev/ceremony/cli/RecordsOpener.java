package dev.ceremony.cli;

import dev.ceremony.records.CaRecords;
import java.nio.file.Path;

/** Opens the CA records in a directory; {@code Main} passes the file implementation. */
@FunctionalInterface
public interface RecordsOpener {
    CaRecords open(Path directory);
}
