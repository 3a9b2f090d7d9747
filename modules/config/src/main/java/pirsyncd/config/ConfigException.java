package pirsyncd.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every error found, each a complete one-line message
 * for people ({@code www.json:12:5: targets[1].destination: ... ; choose a folder outside it});
 * the daemon prints {@link #errors()} one per line to stderr and exits with {@link #EX_CONFIG}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code EX_CONFIG} from sysexits.h: "something was found in an unconfigured or misconfigured state". */
    public static final int EX_CONFIG = 78;

    /**
     * One error line.
     *
     * @param text the complete line
     * @param inFile whether it starts with the {@code FILE:LINE:COL:} of a place in the config file,
     *     which editors jump to (so nothing may be put in front of it); false for flags and for
     *     settings nobody gave
     */
    public record Line(String text, boolean inFile) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @SuppressWarnings("serial") // List.copyOf gives a serializable immutable list of serializable records
    private final List<Line> lines;

    ConfigException(List<Line> lines) {
        super(String.join("\n", lines.stream().map(Line::text).toList()));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a config error needs at least one message");
        }
        this.lines = List.copyOf(lines);
    }

    /** The error lines, in the order of the file; never empty. */
    public List<String> errors() {
        return lines.stream().map(Line::text).toList();
    }

    /** The error lines with where each points, in the order of {@link #errors()}. */
    public List<Line> lines() {
        return lines;
    }

    /** The process exit code for a configuration error: {@value #EX_CONFIG}. */
    public int exitCode() {
        return EX_CONFIG;
    }
}
