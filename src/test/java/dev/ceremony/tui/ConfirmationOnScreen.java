package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.Role;
import dev.ceremony.engine.StepAction;
import dev.ceremony.text.Facts;
import java.util.ArrayList;
import java.util.List;

/**
 * A confirmation box as a witness reads it on an 80x24 terminal: the box is opened on Lanterna's
 * virtual terminal with the facts a ceremony logged as shown, read page by page to its end, and
 * its text returned as the lines inside the frame, once each. Lets the engine's tests hold what
 * the screen shows against the certificates and CRLs they made.
 */
public final class ConfirmationOnScreen {

    private static final int COLUMNS = 80;
    private static final int ROWS = 24;

    private ConfirmationOnScreen() {
    }

    /** The lines of the box the witness confirms step {@code step} in, showing {@code facts}. */
    public static List<String> read(String step, Facts facts) {
        ScriptedBackend backend = new ScriptedBackend(TuiScreensTest.DASHBOARD, op -> {
            op.confirm(TuiScreensTest.step(step, StepAction.CONFIRM), Role.WITNESS, facts);
            return TuiScreensTest.completed();
        });
        VirtualScreen screen = new VirtualScreen(backend, COLUMNS, ROWS, List.of());
        TuiScreensTest.startCeremony(screen);
        String page = screen.until(text -> text.contains("Confirmation by the witness"));
        List<String> lines = new ArrayList<>();
        while (true) {
            append(lines, inside(page));
            if (!page.contains("more line(s) below")) {
                break;
            }
            String before = page;
            screen.key(KeyType.PageDown);
            page = screen.until(text -> !text.equals(before));
        }
        screen.key(KeyType.Enter);
        screen.until(text -> text.contains("Ceremony completed"));
        return lines;
    }

    /** The box's own lines: inside the frame, without the scroll marks and the keys below them. */
    private static List<String> inside(String page) {
        List<String> lines = new ArrayList<>();
        for (String row : page.split("\n")) {
            if (!row.startsWith("| ") || !row.endsWith("|")) {
                continue;
            }
            String line = row.substring(2, row.length() - 1).stripTrailing();
            if (line.contains("more line(s) below") || line.startsWith("(end;") || line.contains("Enter: I, ")
                    || line.startsWith("A: abort")) {
                continue;
            }
            lines.add(line);
        }
        return lines;
    }

    /** Appends a page, less the lines it shares with the end of what was read before it. */
    private static void append(List<String> lines, List<String> page) {
        int overlap = Math.min(lines.size(), page.size());
        while (overlap > 0 && !lines.subList(lines.size() - overlap, lines.size()).equals(page.subList(0, overlap))) {
            overlap--;
        }
        lines.addAll(page.subList(overlap, page.size()));
    }
}
