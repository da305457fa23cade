package dev.ceremony.tui;

import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * What is on the screen: one page and the dialogs over it, the top one taking the keys. Changed
 * on the GUI thread only; other threads ask with {@link #later}.
 */
final class Ui {

    private final WindowBasedTextGUI gui;
    private Window window;
    private View page;
    private final Deque<View> dialogs = new ArrayDeque<>();

    Ui(WindowBasedTextGUI gui) {
        this.gui = Objects.requireNonNull(gui, "gui");
    }

    void attach(Window shown) {
        this.window = shown;
    }

    /** Shows a page in place of the current one (and its dialogs). */
    void page(View next) {
        dialogs.clear();
        page = Objects.requireNonNull(next, "page");
    }

    View page() {
        return page;
    }

    /** Opens a dialog over everything else. */
    void open(View dialog) {
        dialogs.push(Objects.requireNonNull(dialog, "dialog"));
    }

    void close(View dialog) {
        dialogs.remove(dialog);
    }

    Optional<View> dialog() {
        return Optional.ofNullable(dialogs.peek());
    }

    /** The view that takes the keys: the top dialog, else the page. */
    View top() {
        return dialogs.isEmpty() ? page : dialogs.peek();
    }

    /** Runs {@code task} on the GUI thread, from any thread (the engine's worker). */
    void later(Runnable task) {
        gui.getGUIThread().invokeLater(task);
    }

    /** Ends the TUI. */
    void quit() {
        if (window != null) {
            window.close();
        }
    }
}
