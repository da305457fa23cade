package dev.ceremony.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A program running in a detached tmux session of a fixed size, driven with send-keys and read with capture-pane. */
public final class Tmux implements AutoCloseable {

    private final String session;
    private final Path directory;

    private Tmux(String session, Path directory) {
        this.session = session;
        this.directory = directory;
    }

    /** Starts {@code command} (a shell command line) in a new session of {@code columns} x {@code rows}. */
    public static Tmux start(Path directory, int columns, int rows, String command) {
        String session = "ceremony-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Tool started = Tool.run(directory, "tmux", "new-session", "-d", "-s", session, "-x", String.valueOf(columns),
                "-y", String.valueOf(rows), command + "; sleep 600");
        if (started.exitCode() != 0) {
            throw new IllegalStateException("tmux did not start: " + started.output());
        }
        return new Tmux(session, directory);
    }

    /** What the screen shows now. */
    public String screen() {
        return Tool.run(directory, "tmux", "capture-pane", "-p", "-t", session).output();
    }

    /**
     * The screen once it stopped changing (two captures 100 ms apart agree): a capture taken while the
     * program is still writing shows half of the new screen over the old one.
     */
    public String settled() {
        String before = screen();
        for (int i = 0; i < 50; i++) {
            pause();
            String now = screen();
            if (now.equals(before)) {
                return now;
            }
            before = now;
        }
        return before;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits until the screen shows {@code text}; returns the screen, once it stopped changing. */
    public String await(String text, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        String shown = screen();
        while (!shown.contains(text)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("the screen never showed '" + text + "' within " + timeout + "; it shows:\n"
                        + shown);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            shown = screen();
        }
        String settled = settled();
        return settled.contains(text) ? settled : await(text, Duration.between(Instant.now(), end));
    }

    /** Keys by tmux name (Enter, Down, Escape...). */
    public void keys(String... keys) {
        List<String> command = new ArrayList<>(List.of("tmux", "send-keys", "-t", session));
        command.addAll(List.of(keys));
        run(command);
    }

    /** Text typed literally. */
    public void type(String text) {
        run(List.of("tmux", "send-keys", "-t", session, "-l", text));
    }

    private void run(List<String> command) {
        Tool sent = Tool.run(directory, command);
        if (sent.exitCode() != 0) {
            throw new IllegalStateException("tmux send-keys failed: " + sent.output());
        }
    }

    @Override
    public void close() {
        Tool.run(directory, "tmux", "kill-session", "-t", session);
    }
}
