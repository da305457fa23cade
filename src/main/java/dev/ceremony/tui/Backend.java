package dev.ceremony.tui;

import dev.ceremony.engine.CeremonyPlan;
import dev.ceremony.engine.Operator;
import dev.ceremony.engine.PlanHash;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.RunOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the TUI asks of the rest of the program, which {@code main} wires: the dashboard, the
 * scripts, plans and runs through the ceremony engine, and the reports the CLI prints. The TUI
 * itself holds no ceremony logic: a ceremony run here and in batch mode gives the same sequence of
 * audit records. Every text that came from outside is escaped before it is returned.
 */
public interface Backend {

    /** The home screen's figures, read afresh. */
    Dashboard dashboard();

    /** The ceremony scripts, in the order {@code ceremony scripts} lists them. */
    List<ScriptInfo> scripts();

    /**
     * The plan of a script with these parameters, as {@code ceremony run SCRIPT --plan} prints it
     * (resolved against the records) with its SHA-256; throws with a message when they are wrong.
     */
    CeremonyPlan plan(String script, Map<String, String> parameters);

    /**
     * Refuses, with a message, a run of a script with these parameters whose plan is not the
     * approved one, as the run would: on a resume, the plan the unfinished ceremony started under
     * is accepted too. A backend without an audit log compares with the plan alone.
     */
    default void requireApproved(String script, Map<String, String> parameters, PlanHash approved) {
        plan(script, parameters).requireApproved(approved);
    }

    /** The ids of a script's steps, in order, for the runner's step list. */
    List<String> steps(String script);

    /**
     * Runs a ceremony through the engine with this operator; blocks until it ends. With an
     * approved plan's hash, a run whose plan differs is refused before the token is touched.
     */
    RunOutcome run(String script, Map<String, String> parameters, Map<Role, String> participants,
            Optional<Path> importFrom, Optional<Path> exportTo, Optional<PlanHash> approvedPlan, Operator operator);

    /** {@code ceremony audit verify} of the appliance's log, as lines. */
    List<String> verifyLog();

    /** {@code ceremony status} in full, as lines. */
    List<String> status();

    /** The media the appliance sees, and what the import folder holds, as lines. */
    List<String> media();

    /** Where the import and export media usually are (the configured or the demo's folders). */
    MediaDefaults mediaDefaults();

    /** The debug log, where details of unexpected errors go (never shown on screen). */
    Path debugLog();

    /** Records an unexpected error in the debug log. */
    void debug(String context, Throwable failure);

    /** The home screen's figures, each a line ready to show. */
    record Dashboard(List<String> token, List<String> cas, List<String> crls, List<String> lastCeremony,
            List<String> warnings) {
        public Dashboard {
            token = List.copyOf(token);
            cas = List.copyOf(cas);
            crls = List.copyOf(crls);
            lastCeremony = List.copyOf(lastCeremony);
            warnings = List.copyOf(warnings);
        }
    }

    /** A script as the picker shows it, with its parameters and their defaults. */
    record ScriptInfo(String id, String title, String description, List<Parameter> parameters, boolean imports,
            boolean exports) {
        public ScriptInfo {
            parameters = List.copyOf(parameters);
        }
    }

    /** One typed parameter: its name, what it is, its default (empty when it has none). */
    record Parameter(String name, String description, Optional<String> defaultValue) {
    }

    /** The import and export folders to offer. */
    record MediaDefaults(Optional<Path> importFrom, Optional<Path> exportTo) {
    }
}
