package dev.ceremony.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractInteractableComponent;
import com.googlecode.lanterna.gui2.InteractableRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.Optional;

/**
 * The one component of the TUI's window: it fills the terminal (at 80x24 and larger, and after a
 * resize), draws the page with the title bar at the top and the key hints at the bottom, the
 * dialogs over it, and hands every key to the top view.
 */
final class ViewPane extends AbstractInteractableComponent<ViewPane> {

    private final Ui ui;
    private final java.util.function.Supplier<TerminalSize> screen;

    ViewPane(Ui ui, java.util.function.Supplier<TerminalSize> screen) {
        this.ui = ui;
        this.screen = screen;
    }

    @Override
    protected Result handleKeyStroke(KeyStroke key) {
        ui.top().key(key);
        invalidate();
        return Result.HANDLED;
    }

    @Override
    protected InteractableRenderer<ViewPane> createDefaultRenderer() {
        return new InteractableRenderer<>() {
            @Override
            public TerminalPosition getCursorLocation(ViewPane component) {
                return null;
            }

            @Override
            public TerminalSize getPreferredSize(ViewPane component) {
                return screen.get();
            }

            @Override
            public void drawComponent(TextGUIGraphics graphics, ViewPane component) {
                paint(graphics);
            }
        };
    }

    private void paint(TextGUIGraphics graphics) {
        TerminalSize size = graphics.getSize();
        graphics.fill(' ');
        Canvas all = new Canvas(graphics, 0, 0, size.getColumns(), size.getRows());
        View page = ui.page();
        all.bar(0, " Ceremony | " + page.title());
        Canvas body = all.region(1, 0, size.getColumns(), size.getRows() - 2);
        body.clear();
        page.draw(body);
        Optional<View> dialog = ui.dialog();
        if (dialog.isPresent()) {
            // As wide as the screen, so that nothing of the page shows beside it; the page's top rows
            // (the steps) stay above it, and the rows under it are blanked but for the page's footer:
            // no fragment of the page shows there, cut off from what it belonged to.
            int width = size.getColumns();
            int height = Math.min(dialog.get().rows() + 2, size.getRows() - 2);
            int top = Math.max(1, (size.getRows() - height) / 2);
            all.region(top + height, 0, width, size.getRows() - 1 - top - height - page.footerRows()).clear();
            Canvas box = all.region(top, (size.getColumns() - width) / 2, width, height);
            box.frame(dialog.get().title());
            dialog.get().draw(box.region(1, 2, width - 4, height - 2));
        }
        all.bar(size.getRows() - 1, " " + ui.top().hints());
    }
}
