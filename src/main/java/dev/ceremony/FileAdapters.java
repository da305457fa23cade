package dev.ceremony;

import dev.ceremony.cli.CeremonyAdapters;
import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CeremonyMedia;
import dev.ceremony.engine.CeremonyStore;
import dev.ceremony.files.FileCeremonyMedia;
import dev.ceremony.files.FileCeremonyStore;
import java.time.Clock;

/** The engine's adapters on the local file system and mounted media. */
public final class FileAdapters implements CeremonyAdapters {

    @Override
    public CeremonyStore store(ApplianceConfig config, Clock clock) {
        return new FileCeremonyStore(config, clock);
    }

    @Override
    public CeremonyMedia media(ApplianceConfig config) {
        return new FileCeremonyMedia(config.media().importLimits());
    }
}
