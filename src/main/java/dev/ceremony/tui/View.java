package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;

/**
 * One screenful (a page) or one box over it (a dialog): it draws itself and answers keys. Views
 * live on the GUI thread only; the engine's worker reaches them through {@link Ui#later}.
 */
interface View {

    /** The title, shown in the top bar (a page) or in the frame (a dialog). */
    String title();

    /** The keys this view answers, always shown in the bottom bar. */
    String hints();

    void draw(Canvas canvas);

    void key(KeyStroke key);

    /** Rows a dialog wants inside its frame; a page takes the whole screen. */
    default int rows() {
        return 10;
    }

    /**
     * Rows at the bottom of a page that stand on their own (a progress bar, the end of a run) and
     * so stay visible under a dialog; the rest of the page under a dialog is blanked.
     */
    default int footerRows() {
        return 0;
    }
}
