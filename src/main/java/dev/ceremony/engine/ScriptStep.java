package dev.ceremony.engine;

import dev.ceremony.text.KebabCase;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a ceremony script: what the officers are told, the one action it performs, the roles
 * that must confirm it, and the action's arguments. An argument value may refer to a parameter as
 * {@code ${name}}; such a value is checked when the parameters are resolved.
 */
public record ScriptStep(String id, String instruction, StepAction action, Set<Role> confirmBy,
        Map<String, String> arguments) {

    /** A reference to a script parameter inside an argument value. */
    public static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)\\}");

    public ScriptStep {
        Objects.requireNonNull(action, "action");
        confirmBy = Set.copyOf(confirmBy);
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        if (!ScriptParameter.NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("step id '" + id + "' must be lower-case letters, digits and inner hyphens");
        }
        if (instruction.isBlank()) {
            throw new IllegalArgumentException("step '" + id + "' has no instruction for the officers");
        }
        if (confirmBy.isEmpty()) {
            throw new IllegalArgumentException("step '" + id + "' names no role to confirm it");
        }
        Map<String, ArgumentKind> known = action.arguments();
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            ArgumentKind kind = known.get(argument.getKey());
            if (kind == null) {
                throw new IllegalArgumentException("step '" + id + "': action " + KebabCase.of(action)
                        + " takes no argument '" + argument.getKey() + "'"
                        + (known.isEmpty() ? "" : "; it takes " + String.join(", ", known.keySet())));
            }
            if (!REFERENCE.matcher(argument.getValue()).find()) {
                try {
                    kind.check(argument.getValue());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("step '" + id + "', argument '" + argument.getKey() + "': "
                            + e.getMessage(), e);
                }
            }
        }
        for (String name : known.keySet()) {
            if (action.required(name) && !arguments.containsKey(name)) {
                throw new IllegalArgumentException("step '" + id + "': action "
                        + KebabCase.of(action) + " needs the argument '" + name + "'");
            }
        }
        if (action == StepAction.SHARE_PIN && arguments.values().stream().noneMatch(v -> REFERENCE.matcher(v).find())) {
            try {
                SharePinArguments.of(arguments);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("step '" + id + "': " + e.getMessage(), e);
            }
        }
    }

    /** The parameter names this step's arguments refer to. */
    public Set<String> references() {
        Set<String> names = new TreeSet<>();
        for (String value : arguments.values()) {
            Matcher matcher = REFERENCE.matcher(value);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
