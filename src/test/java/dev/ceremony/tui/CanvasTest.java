package dev.ceremony.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canvas never cuts text silently: it wraps, or it marks the cut of a one-line cell. */
class CanvasTest {

    private static final String HEX = "0fd647576e23a6c2f9727cbfabef118d9595d0f4b2b7ed33a999a1352353eb7f";

    private final DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(30, 8));

    /** A canvas of 20x6 at column 5, row 1, with a border of other text around it that must stay. */
    private Canvas canvas() {
        return new Canvas(terminal.newTextGraphics(), 5, 1, 20, 6);
    }

    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < terminal.getTerminalSize().getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < terminal.getTerminalSize().getColumns(); column++) {
                line.append(terminal.getCharacter(column, row).getCharacterString());
            }
            rows.add(line.toString());
        }
        return rows;
    }

    private String inside() {
        StringBuilder text = new StringBuilder();
        for (String row : rows().subList(1, 7)) {
            text.append(row, 5, 25).append('\n');
        }
        return text.toString();
    }

    @Test
    void text_wrapsALongValueInsideTheCanvas_andSaysWhereItEnded() {
        Canvas canvas = canvas();
        int next = canvas.text(1, 2, "head " + HEX);

        assertThat(inside().replaceAll("\\s+", "")).isEqualTo("head" + HEX);
        assertThat(next).as("the row after the last line written").isEqualTo(6);
        assertThat(rows()).allMatch(row -> row.substring(0, 5).isBlank() && row.substring(25).isBlank());
    }

    @Test
    void aOneLineCellThatDoesNotFit_endsInTheCutMark() {
        String cell = Canvas.fit("mqtt-backup.example.com.csr", 12);
        assertThat(cell).hasSize(12).isEqualTo("mqtt-back...");
        assertThat(Canvas.fit("short", 8)).isEqualTo("short   ");
        assertThat(Canvas.pad("longer than six", 6)).as("padding never cuts").isEqualTo("longer than six");
        assertThat(Canvas.cut("mqtt-backup.example.com.csr", 12)).isTrue();
        assertThat(Canvas.cut("mqtt.csr", 12)).isFalse();
    }

    @Test
    void linesThatDoNotFitBelow_areCountedOnTheLastRow_notDroppedSilently() {
        Canvas canvas = canvas();
        int next = canvas.lines(0, 0, List.of("one", "two", "three", "four", "five", "six", "seven", "eight"));

        assertThat(next).isEqualTo(6);
        assertThat(inside()).contains("one").contains("five").doesNotContain("six").contains("3 more lines");
    }

    @Test
    void aFrameTitleTooLongForTheFrame_isMarkedAsCut() {
        Canvas canvas = canvas();
        canvas.frame("a title much longer than the frame");
        assertThat(rows().get(1).substring(5, 25)).endsWith("...+").startsWith("+- a title");
    }

    @Test
    void clear_blanksTheCanvasOnly() {
        terminal.newTextGraphics().putString(0, 0, "x".repeat(30));
        terminal.newTextGraphics().putString(0, 3, "y".repeat(30));
        canvas().clear();
        assertThat(rows().get(0)).isEqualTo("x".repeat(30));
        assertThat(rows().get(3)).isEqualTo("yyyyy" + " ".repeat(20) + "yyyyy");
    }
}
