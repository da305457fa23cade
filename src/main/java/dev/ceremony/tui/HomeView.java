package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard: the token, the CAs with days to expiry, the CRLs with days to their next
 * update, the last ceremony and its head hash, the warnings; and what can be done from here.
 */
final class HomeView implements View {

    private final Backend.Dashboard dashboard;
    private final Menu menu;

    HomeView(Backend.Dashboard dashboard, Menu menu) {
        this.dashboard = dashboard;
        this.menu = menu;
    }

    @Override
    public String title() {
        return "home";
    }

    @Override
    public String hints() {
        return "Up/Down + Enter, or a letter: R run  V verify log  M media  S status  Q quit";
    }

    @Override
    public void draw(Canvas canvas) {
        int columns = canvas.width() >= 66 ? 2 : 1;
        int menuRows = menu.rows(columns);
        // What the sections may take: all but the menu and the blank row above it.
        int room = canvas.height() - menuRows - 1;
        List<Section> sections = new ArrayList<>(List.of(new Section("Token", dashboard.token()), new Section("CAs",
                dashboard.cas()), new Section("CRLs", dashboard.crls()), new Section("Last ceremony",
                        dashboard.lastCeremony())));
        if (!dashboard.warnings().isEmpty()) {
            sections.add(new Section("Warnings (" + dashboard.warnings().size() + ")", dashboard.warnings()));
        }
        int row = 0;
        for (int i = 0; i < sections.size(); i++) {
            // Each section after this one keeps its heading and one row.
            int later = 2 * (sections.size() - i - 1);
            row = sections.get(i).draw(canvas, row, room - row - later);
        }
        menu.draw(canvas, Math.max(row + 1, canvas.height() - menuRows), 2, columns);
    }

    /**
     * One heading and its entries, each wrapped whole (a subject is never cut). Entries that do not
     * fit the rows given are counted instead, and the status page shows them.
     */
    private record Section(String heading, List<String> lines) {

        /** Draws the section in at most {@code most} rows (at least its heading and one row); returns the row after it. */
        int draw(Canvas canvas, int row, int most) {
            canvas.bold(row, 0, heading);
            int end = row + 1 + Math.max(1, most - 1);
            int next = row + 1;
            List<String> shown = lines.isEmpty() ? List.of("none") : lines;
            for (int i = 0; i < shown.size(); i++) {
                int rows = canvas.entryRows(2, shown.get(i));
                boolean last = i == shown.size() - 1;
                if (next + rows > end || (!last && next + rows == end)) {
                    canvas.text(next, 2, (i == 0 ? shown.size() + " not shown here" : "... and " + (shown.size() - i)
                            + " more") + ": S shows the status in full");
                    return next + 1;
                }
                next = canvas.entry(next, 2, shown.get(i));
            }
            return next;
        }
    }

    @Override
    public void key(KeyStroke key) {
        menu.key(key);
    }
}
