package dev.ceremony.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.ceremony.engine.FourEyes;
import dev.ceremony.engine.PlanHash;
import dev.ceremony.engine.Role;
import dev.ceremony.text.Printable;
import dev.ceremony.text.Wrap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sets a ceremony up before it starts: its parameters (defaults filled in), the names of the
 * administrator and the witness (each confirmation is recorded with them), the media folders, and
 * optionally the SHA-256 of the plan the officers approved, to which the run is then held. The
 * plan can be looked at first; nothing touches the token here.
 */
final class SetupView implements View {

    /** What the setup hands to the runner. */
    record Setup(Backend.ScriptInfo script, Map<String, String> parameters, Map<Role, String> names,
            Optional<Path> importFrom, Optional<Path> exportTo, Optional<PlanHash> approvedPlan) {
    }

    /** Width of the label column. */
    private static final int LABEL = 20;

    /** The label of the optional approved-plan field. */
    private static final String APPROVED_PLAN = "approved plan";

    /** One line of the form: a label, its value, and how it is edited or what it does. */
    private record Field(String label, String help, boolean action) {
    }

    private final Ui ui;
    private final Backend.ScriptInfo script;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Field> fields = new ArrayList<>();
    private final Consumer<Setup> plan;
    private final Consumer<Setup> start;
    private final Runnable back;
    private int selected;
    /** The first field on the screen, when the form is longer than the page. */
    private int first;

    SetupView(Ui ui, Backend.ScriptInfo script, Backend.MediaDefaults media, Consumer<Setup> plan,
            Consumer<Setup> start, Runnable back) {
        this.ui = ui;
        this.script = script;
        this.plan = plan;
        this.start = start;
        this.back = back;
        for (Backend.Parameter parameter : script.parameters()) {
            fields.add(new Field(parameter.name(), parameter.description(), false));
            values.put(parameter.name(), parameter.defaultValue().orElse(""));
        }
        // Beside the parameters it pins; the rows from the witness to Start stay as they were.
        fields.add(new Field(APPROVED_PLAN, "Optional: the approved plan's SHA-256; only a run of that plan starts.",
                false));
        values.put(APPROVED_PLAN, "");
        fields.add(new Field("administrator", "The ceremony administrator's name, as the audit log records it.", false));
        values.put("administrator", "");
        fields.add(new Field("witness", "The witness's name, as the audit log records it.", false));
        values.put("witness", "");
        if (script.imports()) {
            fields.add(new Field("import folder", "The folder of the import medium holding the requests.", false));
            values.put("import folder", media.importFrom().map(Path::toString).orElse(""));
        }
        if (script.exports()) {
            fields.add(new Field("export folder", "The export medium; a new folder is made on it.", false));
            values.put("export folder", media.exportTo().map(Path::toString).orElse(""));
        }
        fields.add(new Field("Show the plan", "What the ceremony will do and create, with its SHA-256; nothing is "
                + "touched.", true));
        fields.add(new Field("Start the ceremony", "Starts with the preflight checks.", true));
    }

    @Override
    public String title() {
        return "set up " + script.id();
    }

    @Override
    public String hints() {
        return "Up/Down: choose | Enter: edit or do | Esc: back";
    }

    @Override
    public void draw(Canvas canvas) {
        int row = canvas.bold(0, 0, script.title()) + 1;
        String help = fields.get(selected).help();
        int bottom = canvas.height() - canvas.rowsFor(2, help) - 2;
        List<List<String>> blocks = new ArrayList<>();
        for (Field field : fields) {
            blocks.add(lines(field, canvas.width() - 4));
        }
        // The rows from the first field shown to the chosen one fit, with a row for each mark.
        first = Math.min(first, selected);
        while (first < selected && rows(blocks, first, selected) + (first > 0 ? 1 : 0) + 1 > bottom - row) {
            first++;
        }
        if (first > 0) {
            row = canvas.text(row, 2, "(" + first + " more above: Up)");
        }
        for (int i = first; i < fields.size(); i++) {
            List<String> block = blocks.get(i);
            // A row is kept for the mark while more fields follow.
            if (row + block.size() + (i < fields.size() - 1 ? 1 : 0) > bottom) {
                canvas.text(row, 2, "(" + (fields.size() - i) + " more below: Down)");
                break;
            }
            for (String line : block) {
                row = i == selected ? canvas.reverse(row, 2, Canvas.pad(line, canvas.width() - 4))
                        : canvas.text(row, 2, line);
            }
        }
        canvas.text(bottom + 1, 2, help);
    }

    /** A field as it shows: its label, and its value wrapped beside it, whole (a hash is compared against paper). */
    private List<String> lines(Field field, int width) {
        if (field.action()) {
            return List.of("> " + field.label());
        }
        String value = values.get(field.label());
        if (field.label().equals(APPROVED_PLAN) && !value.isBlank()) {
            value = PlanHash.parse(value).grouped();
        }
        String indent = " ".repeat(LABEL + 1);
        List<String> lines = new ArrayList<>();
        for (String line : Wrap.lines(Printable.escapeHidden(value.isEmpty() ? "(not set)" : value), Math.max(10,
                width - indent.length()), "")) {
            lines.add((lines.isEmpty() ? Canvas.pad(field.label(), LABEL) + " " : indent) + line);
        }
        return lines;
    }

    private static int rows(List<List<String>> blocks, int from, int to) {
        return blocks.subList(from, to + 1).stream().mapToInt(List::size).sum();
    }

    @Override
    public void key(KeyStroke key) {
        if (key.getKeyType() == KeyType.ArrowDown) {
            selected = (selected + 1) % fields.size();
        } else if (key.getKeyType() == KeyType.ArrowUp) {
            selected = (selected + fields.size() - 1) % fields.size();
        } else if (key.getKeyType() == KeyType.Escape) {
            back.run();
        } else if (key.getKeyType() == KeyType.Enter) {
            Field field = fields.get(selected);
            if (field.label().equals("Show the plan")) {
                plan.accept(setup(false).orElseThrow());
            } else if (field.label().equals("Start the ceremony")) {
                Optional<String> missing = missing();
                if (missing.isPresent()) {
                    ui.open(new MessageDialog(ui, "Not ready", List.of(missing.get()), () -> { }));
                } else {
                    start.accept(setup(true).orElseThrow());
                }
            } else {
                ui.open(new InputDialog(ui, field.label(), field.help(), values.get(field.label()), text ->
                        check(field, text), text -> values.put(field.label(), text), () -> { }));
            }
        }
    }

    private Optional<String> check(Field field, String text) {
        if (!Printable.isPrintable(text) || text.length() > 200) {
            return Optional.of("Only printable characters, at most 200.");
        }
        if ((field.label().equals("administrator") || field.label().equals("witness"))
                && (text.isBlank() || text.length() > 64)) {
            return Optional.of("A person's name: 1 to 64 characters.");
        }
        if (field.label().equals(APPROVED_PLAN) && !text.isBlank()) {
            try {
                PlanHash.parse(text);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage() + ". Leave it empty to start without one.");
            }
        }
        return Optional.empty();
    }

    private Optional<String> missing() {
        if (values.get("administrator").isBlank() || values.get("witness").isBlank()) {
            return Optional.of("Give the administrator's and the witness's names: each confirmation is recorded "
                    + "with them.");
        }
        Optional<String> breach = FourEyes.breach(Map.of(Role.ADMINISTRATOR, values.get("administrator"), Role.WITNESS,
                values.get("witness")));
        if (breach.isPresent()) {
            return Optional.of(Character.toUpperCase(breach.get().charAt(0)) + breach.get().substring(1) + ".");
        }
        for (String folder : List.of("import folder", "export folder")) {
            if (values.containsKey(folder) && values.get(folder).isBlank()) {
                return Optional.of("Give the " + folder + ".");
            }
        }
        return Optional.empty();
    }

    private Optional<Setup> setup(boolean withNames) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Backend.Parameter parameter : script.parameters()) {
            String value = values.get(parameter.name());
            if (!value.isEmpty()) {
                parameters.put(parameter.name(), value);
            }
        }
        Map<Role, String> names = new EnumMap<>(Role.class);
        if (withNames) {
            names.put(Role.ADMINISTRATOR, values.get("administrator"));
            names.put(Role.WITNESS, values.get("witness"));
        }
        String approved = values.get(APPROVED_PLAN);
        return Optional.of(new Setup(script, parameters, names, folder("import folder"), folder("export folder"),
                approved.isBlank() ? Optional.empty() : Optional.of(PlanHash.parse(approved))));
    }

    private Optional<Path> folder(String label) {
        String value = values.getOrDefault(label, "");
        return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
