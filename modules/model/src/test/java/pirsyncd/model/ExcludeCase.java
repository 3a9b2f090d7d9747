package pirsyncd.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code testdata/exclude-cases.tsv} (its header documents the format), the table
 * that both the watch tree and the real rsync binary must agree with.
 */
record ExcludeCase(List<String> patterns, String path, EntryKind kind, boolean excluded, int line) {

    /** The shared table, found from the module directory surefire runs in. */
    static final Path TABLE = Path.of("../../testdata/exclude-cases.tsv");

    static List<ExcludeCase> all() {
        List<String> lines;
        try {
            lines = Files.readAllLines(TABLE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ExcludeCase> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            String[] columns = text.split("\t", -1);
            if (columns.length != 4) {
                throw new IllegalStateException(TABLE + ":" + (i + 1) + ": expected 4 TAB-separated columns");
            }
            EntryKind kind = switch (columns[2]) {
                case "dir" -> EntryKind.DIRECTORY;
                case "file" -> EntryKind.FILE;
                default -> throw new IllegalStateException(TABLE + ":" + (i + 1) + ": type must be dir or file");
            };
            boolean excluded = switch (columns[3]) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new IllegalStateException(TABLE + ":" + (i + 1) + ": excluded must be yes or no");
            };
            cases.add(new ExcludeCase(List.of(columns[0].split(" \\| ")), columns[1], kind, excluded, i + 1));
        }
        return cases;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + String.join(" | ", patterns) + " on " + path + " ("
                + (kind == EntryKind.DIRECTORY ? "dir" : "file") + ") -> " + (excluded ? "excluded" : "kept");
    }
}
