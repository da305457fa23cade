package dev.ceremony.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * A script with its parameters given values: every {@code ${name}} replaced, and every argument
 * checked again as the literal it has become. This is what a plan shows and what a run executes.
 *
 * @param script the script with its step arguments resolved (no references remain)
 * @param values every parameter's value, in the script's order
 */
public record ResolvedScript(CeremonyScript script, Map<String, String> values) {

    public ResolvedScript {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Resolves {@code script} with the values given (e.g. by {@code --param NAME=VALUE}); a
     * parameter not given takes its default.
     *
     * @throws IllegalArgumentException naming the parameter or step argument that is wrong
     */
    public static ResolvedScript of(CeremonyScript script, Map<String, String> given) {
        Set<String> unknown = new TreeSet<>(given.keySet());
        Map<String, String> values = new LinkedHashMap<>();
        for (ScriptParameter parameter : script.parameters()) {
            unknown.remove(parameter.name());
            String value = given.get(parameter.name());
            if (value == null) {
                value = parameter.defaultValue().orElseThrow(() -> new IllegalArgumentException("parameter '"
                        + parameter.name() + "' needs a value (--param " + parameter.name() + "=VALUE): "
                        + parameter.description()));
            }
            if (ScriptStep.REFERENCE.matcher(value).find()) {
                throw new IllegalArgumentException("parameter '" + parameter.name() + "': a value may not contain ${...}");
            }
            values.put(parameter.name(), parameter.accept(value));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the script " + script.id() + " has no parameter " + String.join(", ", unknown)
                    + "; its parameters are " + (script.parameters().isEmpty() ? "none"
                            : String.join(", ", script.parameters().stream().map(ScriptParameter::name).toList())));
        }
        List<ScriptStep> steps = new ArrayList<>();
        for (ScriptStep step : script.steps()) {
            Map<String, String> arguments = new LinkedHashMap<>();
            step.arguments().forEach((name, value) -> arguments.put(name, substitute(value, values)));
            steps.add(new ScriptStep(step.id(), step.instruction(), step.action(), step.confirmBy(), arguments));
        }
        return new ResolvedScript(new CeremonyScript(script.id(), script.title(), script.description(), script.roles(),
                script.parameters(), steps, script.sha256()), values);
    }

    private static String substitute(String value, Map<String, String> values) {
        Matcher matcher = ScriptStep.REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
