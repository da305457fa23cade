package dev.ceremony.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.SameTextGUIThread;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/** The TUI on Lanterna's virtual terminal: keys in, screen text out, events pumped by the test. */
final class VirtualScreen {

    final DefaultVirtualTerminal terminal;
    private final MultiWindowTextGUI gui;

    VirtualScreen(Backend backend, int columns, int rows, List<String> welcome) {
        try {
            terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            gui = new MultiWindowTextGUI(new SameTextGUIThread.Factory(), screen);
            gui.addWindow(new Tui(backend, Clock.systemUTC(), welcome).start(gui, screen));
            pump();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void pump() {
        try {
            for (int i = 0; i < 5; i++) {
                gui.getGUIThread().processEventsAndUpdate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void key(KeyType type) {
        terminal.addInput(new KeyStroke(type));
        pump();
    }

    void type(String text) {
        for (char c : text.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
        pump();
    }

    void resize(int columns, int rows) {
        terminal.setTerminalSize(new TerminalSize(columns, rows));
        pump();
    }

    /** The screen's text, a line a row. */
    String text() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < size.getColumns(); column++) {
                line.append(terminal.getCharacter(column, row).getCharacterString());
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** Pumps until the screen satisfies {@code shown}, for what the engine's worker changes. */
    String until(Predicate<String> shown) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            pump();
            String text = text();
            if (shown.test(text)) {
                return text;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the screen never showed what was expected; it shows:\n" + text());
    }
}
