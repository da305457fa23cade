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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A backend of fixed figures for the screen tests, whose ceremony is a function of the operator:
 * each test plays the engine's side of the conversation it checks. The real backend and engine
 * are exercised end to end in tmux ({@code DemoInTmuxIT}).
 */
final class ScriptedBackend implements Backend {

    private final Dashboard dashboard;
    private final Function<Operator, RunOutcome> ceremony;
    final AtomicReference<Map<Role, String>> participants = new AtomicReference<>();
    final AtomicReference<Optional<PlanHash>> approvedPlan = new AtomicReference<>();

    ScriptedBackend(Dashboard dashboard, Function<Operator, RunOutcome> ceremony) {
        this.dashboard = dashboard;
        this.ceremony = ceremony;
    }

    @Override
    public Dashboard dashboard() {
        return dashboard;
    }

    @Override
    public List<ScriptInfo> scripts() {
        return List.of(new ScriptInfo("root-ca", "Create the root CA", "Makes the root.", List.of(new Parameter(
                "root-common-name", "Common name", Optional.of("Example Root"))), false, true));
    }

    @Override
    public List<String> steps(String script) {
        return List.of("preflight", "generate-root-key", "export");
    }

    @Override
    public CeremonyPlan plan(String script, Map<String, String> parameters) {
        return new CeremonyPlan("CEREMONY PLAN\nroot-common-name " + parameters.get("root-common-name") + "\n", List.of(),
                Map.of());
    }

    @Override
    public RunOutcome run(String script, Map<String, String> parameters, Map<Role, String> names,
            Optional<Path> importFrom, Optional<Path> exportTo, Optional<PlanHash> approvedPlan, Operator operator) {
        participants.set(names);
        this.approvedPlan.set(approvedPlan);
        return ceremony.apply(operator);
    }

    @Override
    public List<String> verifyLog() {
        return List.of("Result: VALID");
    }

    @Override
    public List<String> status() {
        return List.of("status line");
    }

    @Override
    public List<String> media() {
        return List.of("Media the appliance sees:", "  none");
    }

    @Override
    public MediaDefaults mediaDefaults() {
        return new MediaDefaults(Optional.empty(), Optional.of(Path.of("/tmp/usb-export")));
    }

    @Override
    public Path debugLog() {
        return Path.of("/tmp/debug.log");
    }

    @Override
    public void debug(String context, Throwable failure) {
    }
}
