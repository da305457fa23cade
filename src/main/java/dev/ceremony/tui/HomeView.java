package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
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
        int menuRows = 6;
        int row = section(canvas, 0, "Token", dashboard.token(), 3);
        row = section(canvas, row, "CAs", dashboard.cas(), 4);
        row = section(canvas, row, "CRLs", dashboard.crls(), 3);
        row = section(canvas, row, "Last ceremony", dashboard.lastCeremony(), 2);
        int room = canvas.height() - menuRows - row - 1;
        if (!dashboard.warnings().isEmpty() && room > 1) {
            row = section(canvas, row, "Warnings (" + dashboard.warnings().size() + ")", dashboard.warnings(), room - 1);
        }
        menu.draw(canvas, Math.max(row, canvas.height() - menuRows), 2);
    }

    private static int section(Canvas canvas, int row, String heading, List<String> lines, int most) {
        canvas.bold(row, 0, heading);
        List<String> shown = lines.isEmpty() ? List.of("none") : lines;
        for (int i = 0; i < shown.size() && i < most; i++) {
            String line = i == most - 1 && shown.size() > most ? "... and " + (shown.size() - i) + " more" : shown.get(i);
            canvas.text(row + 1 + i, 2, line);
        }
        return row + 1 + Math.min(shown.size(), most);
    }

    @Override
    public void key(KeyStroke key) {
        menu.key(key);
    }
}
