package dev.ceremony.cli;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import dev.ceremony.tui.Backend;
import dev.ceremony.tui.Tui;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Opens the TUI on this process's terminal for one configuration, and restores the terminal after. */
final class TerminalUi {

    private final Services services;
    private final DebugLog debugLog;

    TerminalUi(Services services, DebugLog debugLog) {
        this.services = services;
        this.debugLog = debugLog;
    }

    int open(Path config, Backend.MediaDefaults media, List<String> welcome) {
        services.configs().read(config);
        TuiBackend backend = new TuiBackend(services, config, media, debugLog);
        try {
            TerminalScreen screen = new DefaultTerminalFactory().setForceTextTerminal(true).createScreen();
            screen.startScreen();
            try {
                new Tui(backend, Clock.systemUTC(), welcome).run(screen);
            } finally {
                screen.stopScreen();
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot open the terminal for the TUI: " + e.getMessage());
        }
        return 0;
    }
}
