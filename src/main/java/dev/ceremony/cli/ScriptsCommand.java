package dev.ceremony.cli;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.config.ConfigException;
import dev.ceremony.engine.ArgumentKind;
import dev.ceremony.engine.CeremonyScript;
import dev.ceremony.engine.ScriptStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ceremony scripts}: one line per ceremony script, and every script that does not read cleanly. */
@Command(name = "scripts", mixinStandardHelpOptions = true,
        description = "List the ceremony scripts with one line each: id, title, steps (how many touch the token) "
            + "and the start of the script's SHA-256, which the audit log records. A script or certificate "
            + "profile that fails its strict schema is shown with what is wrong and where; then the exit "
            + "status is 1.")
final class ScriptsCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    ScriptsCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        ApplianceConfig appliance = services.configs().read(config.resolve(services.environment()));
        Path directory = appliance.scriptsDirectory();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".yaml")
                    && Files.isRegularFile(file)).sorted().toList();
        } catch (IOException e) {
            throw new CommandFailure("cannot list the ceremony scripts in " + directory + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CommandFailure("there are no ceremony scripts (*.yaml) in " + directory);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allRead = true;
        List<CeremonyScript> scripts = new ArrayList<>();
        for (Path file : files) {
            try {
                CeremonyScript script = services.scripts().read(file);
                scripts.add(script);
                out.printf("%-22s %s (%d steps, %d on the token)  sha256 %s…%n", script.id(), script.title(),
                        script.steps().size(), script.tokenSteps().size(), script.sha256().substring(0, 16));
            } catch (ConfigException e) {
                allRead = false;
                err.println("ceremony: " + e.getMessage());
            }
        }
        for (ConfigException problem : ProfileFiles.problems(appliance.profilesDirectory())) {
            allRead = false;
            err.println("ceremony: " + problem.getMessage() + usedBy(problem.file(), scripts));
        }
        out.flush();
        err.flush();
        return allRead ? 0 : 1;
    }

    /** The scripts that name the profile in {@code file}, or take their profile as a parameter. */
    private static String usedBy(Path file, List<CeremonyScript> scripts) {
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        List<String> users = scripts.stream().filter(script -> script.steps().stream().anyMatch(step ->
                step.arguments().entrySet().stream().anyMatch(argument ->
                        step.action().arguments().get(argument.getKey()) == ArgumentKind.PROFILE
                        && (argument.getValue().equals(name)
                                || ScriptStep.REFERENCE.matcher(argument.getValue()).find()))))
                .map(CeremonyScript::id).toList();
        return (users.isEmpty() ? "" : " (used by " + String.join(", ", users) + ")")
                + "; every ceremony reads all profiles, so none runs until this is fixed";
    }
}
