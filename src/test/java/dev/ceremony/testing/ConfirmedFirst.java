package dev.ceremony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.audit.AuditEntry;
import dev.ceremony.audit.AuditTypes;
import dev.ceremony.engine.CeremonyScript;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.text.KebabCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an audit log and checks the witnessed order: every record that changes the CA (a key, a
 * serial, a certificate, a revocation, a CRL, a share, a PIN) stands after every confirmation its
 * step asks for, and after the facts those confirmers were shown. Records of an abort (the debris
 * it destroys) follow the abort record instead.
 */
public final class ConfirmedFirst {

    private ConfirmedFirst() {
    }

    /** The scripts shipped in ceremony-scripts/, by id. */
    public static Map<String, CeremonyScript> shippedScripts() throws IOException {
        dev.ceremony.yaml.ScriptReader reader = new dev.ceremony.yaml.ScriptReader(new dev.ceremony.yaml.StrictYaml());
        Map<String, CeremonyScript> scripts = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("ceremony-scripts"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                CeremonyScript script = reader.read(file);
                scripts.put(script.id(), script);
            }
        }
        return scripts;
    }

    /** {@link #check(Path, Map)} with the shipped scripts. */
    public static int check(Path log) throws IOException {
        return check(log, shippedScripts());
    }

    /**
     * Asserts the order over the whole log, with the confirmations each step of each script asks
     * for; returns how many state-changing records were checked, so a caller can see it checked some.
     */
    public static int check(Path log, Map<String, CeremonyScript> scripts) throws IOException {
        String ceremony = "";
        String script = null;
        String step = null;
        Set<String> confirmedBy = new HashSet<>();
        boolean shown = false;
        boolean aborted = false;
        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            AuditEntry entry = AuditEntry.parse(line);
            if (!entry.ceremony().equals(ceremony)) {
                ceremony = entry.ceremony();
                script = entry.data().get("script") == null ? null : String.valueOf(entry.data().get("script"));
                step = null;
                aborted = false;
            }
            switch (entry.type()) {
                case AuditTypes.STEP_STARTED -> {
                    step = String.valueOf(entry.data().get("step"));
                    confirmedBy.clear();
                    shown = false;
                }
                case AuditTypes.FACTS_SHOWN -> shown = true;
                case AuditTypes.CONFIRMATION -> {
                    if (Boolean.TRUE.equals(entry.data().get("confirmed"))) {
                        confirmedBy.add(String.valueOf(entry.data().get("role")));
                    }
                }
                case AuditTypes.ABORT -> aborted = true;
                default -> {
                    if (!AuditTypes.STATE_CHANGES.contains(entry.type()) || aborted) {
                        continue;
                    }
                    checked++;
                    if (script == null || step == null) {
                        problems.add("record " + entry.seq() + " (" + entry.type() + ") belongs to no step (script "
                                + script + ", step " + step + ")");
                        continue;
                    }
                    CeremonyScript known = scripts.get(script);
                    if (known == null) {
                        problems.add("record " + entry.seq() + ": script " + script + " is not one of the scripts given");
                        continue;
                    }
                    String id = step;
                    ScriptStep current = known.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
                    Set<String> needed = new TreeSet<>();
                    for (Role role : current.confirmBy()) {
                        needed.add(KebabCase.of(role));
                    }
                    if (!confirmedBy.containsAll(needed)) {
                        problems.add("record " + entry.seq() + " (" + entry.type() + ") of " + script + " step '" + step
                                + "' comes before the confirmation of " + needed + " (only " + confirmedBy + " so far)");
                    }
                    if (!needed.isEmpty() && !shown) {
                        problems.add("record " + entry.seq() + " (" + entry.type() + ") of " + script + " step '" + step
                                + "' was confirmed without anything shown");
                    }
                }
            }
        }
        assertThat(problems).as("state-changing records before their confirmations in " + log).isEmpty();
        return checked;
    }
}
