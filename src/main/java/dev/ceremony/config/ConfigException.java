package dev.ceremony.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A configuration file (appliance config, hsm-config, profile, script) that cannot be accepted.
 * The message names the file, the line and the YAML path, then what is wrong.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String yamlPath;
    private final int line;
    private final String problem;

    /**
     * @param yamlPath dotted path such as {@code token.label}, or empty for the whole document
     * @param line 1-based line, or 0 when unknown
     */
    public ConfigException(Path file, String yamlPath, int line, String problem) {
        super(format(file, yamlPath, line, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.yamlPath = Objects.requireNonNull(yamlPath, "yamlPath");
        this.line = line;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Path file() {
        return file;
    }

    public String yamlPath() {
        return yamlPath;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    private static String format(Path file, String yamlPath, int line, String problem) {
        StringBuilder message = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            message.append(':').append(line);
        }
        message.append(": ");
        if (!yamlPath.isEmpty()) {
            message.append(yamlPath).append(": ");
        }
        return message.append(problem).toString();
    }
}
