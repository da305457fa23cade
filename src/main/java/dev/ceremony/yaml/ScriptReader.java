package dev.ceremony.yaml;

import dev.ceremony.audit.AuditChain;
import dev.ceremony.config.ConfigException;
import dev.ceremony.engine.ArgumentKind;
import dev.ceremony.engine.CeremonyScript;
import dev.ceremony.engine.ParameterType;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.ScriptParameter;
import dev.ceremony.engine.ScriptStep;
import dev.ceremony.engine.StepAction;
import dev.ceremony.text.KebabCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a ceremony script from {@code ceremony-scripts/<id>.yaml}. Every mistake is reported with
 * the file, YAML path and line; profiles the script names must exist beside it.
 */
public final class ScriptReader {

    private final StrictYaml yaml;

    public ScriptReader(StrictYaml yaml) {
        this.yaml = yaml;
    }

    public CeremonyScript read(Path file) {
        Path source = file.toAbsolutePath().normalize();
        byte[] bytes = yaml.bytes(source);
        YamlMapping root = yaml.parse(source, bytes).allowOnly("id", "title", "description", "roles", "parameters", "steps");
        String id = root.stringNamingFile("id", "script");
        Map<Role, String> roles = new EnumMap<>(Role.class);
        YamlMapping roleMapping = root.mapping("roles");
        for (String key : roleMapping.keys()) {
            YamlNode node = roleMapping.required(key);
            Role role = new YamlScalar(node.file(), node.path(), node.line(), key, YamlScalar.Type.STRING)
                    .as(text -> KebabCase.parse(Role.class, text));
            roles.put(role, node.asScalar().asText());
        }
        List<ScriptParameter> parameters = new ArrayList<>();
        for (YamlNode node : root.optional("parameters").map(YamlNode::asSequence).map(YamlSequence::items)
                .orElse(List.of())) {
            parameters.add(parameter(node.asMapping()));
        }
        YamlSequence stepList = root.sequence("steps");
        List<ScriptStep> steps = new ArrayList<>();
        for (YamlNode node : stepList.items()) {
            steps.add(step(node.asMapping(), source.getParent().resolve("profiles")));
        }
        try {
            return new CeremonyScript(id, root.string("title"), root.string("description"), roles, parameters, steps,
                    AuditChain.sha256Bytes(bytes));
        } catch (IllegalArgumentException e) {
            throw locate(e, root, stepList);
        }
    }

    private static ScriptParameter parameter(YamlMapping node) {
        node.allowOnly("name", "type", "description", "default", "choices");
        List<String> choices = new ArrayList<>();
        node.optional("choices").ifPresent(list -> list.asSequence().items()
                .forEach(item -> choices.add(item.asScalar().asText())));
        try {
            return new ScriptParameter(node.string("name"),
                    node.string("type", text -> KebabCase.parse(ParameterType.class, text)),
                    node.string("description"), node.optionalString("default"), choices);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static ScriptStep step(YamlMapping node, Path profiles) {
        node.allowOnly("id", "instruction", "action", "confirm", "arguments");
        StepAction action = node.string("action", text -> KebabCase.parse(StepAction.class, text));
        Set<Role> confirm = EnumSet.noneOf(Role.class);
        for (YamlNode item : node.sequence("confirm").items()) {
            if (!confirm.add(item.asScalar().as(text -> KebabCase.parse(Role.class, text)))) {
                throw item.error("listed twice");
            }
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        Optional<YamlMapping> argumentMapping = node.optional("arguments").map(YamlNode::asMapping);
        argumentMapping.ifPresent(mapping -> mapping.keys().forEach(key -> {
            YamlScalar value = mapping.required(key).asScalar();
            if (action.arguments().get(key) == ArgumentKind.PROFILE
                    && !ScriptStep.REFERENCE.matcher(value.asText()).find()
                    && !Files.isRegularFile(profiles.resolve(value.asText() + ".yaml"))) {
                throw value.error("there is no profile '" + value.asText() + "' in " + profiles);
            }
            arguments.put(key, value.asText());
        }));
        try {
            return new ScriptStep(node.string("id"), node.string("instruction"), action, confirm, arguments);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static ConfigException locate(IllegalArgumentException e, YamlMapping root, YamlSequence steps) {
        for (YamlNode node : steps.items()) {
            String stepId = node.asMapping().string("id");
            if (e.getMessage().startsWith("step '" + stepId + "'") || e.getMessage().startsWith("step id '" + stepId + "'")) {
                return node.error(e.getMessage());
            }
        }
        return root.error(e.getMessage());
    }
}
