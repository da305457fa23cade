package dev.ceremony.cli;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.engine.CeremonyMedia;
import dev.ceremony.engine.CeremonyStore;
import java.time.Clock;

/** Makes the engine's file and media adapters for a configuration; {@code Main} passes the real ones. */
public interface CeremonyAdapters {

    CeremonyStore store(ApplianceConfig config, Clock clock);

    CeremonyMedia media(ApplianceConfig config);
}
