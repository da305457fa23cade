package dev.ceremony.cli;

import dev.ceremony.config.ApplianceConfig;
import dev.ceremony.token.Pin;
import dev.ceremony.token.Token;
import dev.ceremony.token.TokenFamily;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ceremony token info}: the configured token's identity, PIN state and keys. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the configured token's identity, PIN state, and keys with their attributes. "
            + "Keys are listed after a login; the PIN comes from --pin-file, $CEREMONY_PIN or a masked prompt.")
final class TokenInfoCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--pin-file", paramLabel = "FILE",
            description = "File holding the user PIN on one line (must not be readable by others).")
    private Path pinFile;

    TokenInfoCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        ApplianceConfig appliance = services.configs().read(config.resolve(services.environment()));
        TokenFamily family = services.families().read(appliance.token().hsmConfig());
        TokenInfoReport report = new TokenInfoReport(spec.commandLine().getOut());
        try (Token token = services.driver().open(family, appliance.token().label(), appliance.token().serial())) {
            report.identity(token.identity(), family);
            report.pinState(token.pinState());
            Optional<Pin> pin = services.pins().pin(Optional.ofNullable(pinFile), token.identity().label());
            if (pin.isEmpty()) {
                report.keysNotListed("no PIN given (use --pin-file, $CEREMONY_PIN, or run at a terminal)");
                return 0;
            }
            try (Pin userPin = pin.get()) {
                token.login(userPin, services.finalTry());
            }
            report.keys(token.listKeys());
        }
        return 0;
    }
}
