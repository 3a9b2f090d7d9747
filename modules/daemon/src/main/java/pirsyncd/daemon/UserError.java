package pirsyncd.daemon;

import java.io.Serial;
import java.util.List;

/**
 * A failure a person can act on: its message is one complete line (or one line per problem) that
 * names the field, path or instance concerned and says how to fix it, and it carries the exit
 * code. {@link Main} prints {@link #printedLines()} and never shows a stack trace.
 */
final class UserError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What every line of ours starts with, so that a person sees which program speaks. */
    static final String PREFIX = "pirsyncd: ";

    private final int exitCode;
    /** Lines that are complete as they are: config errors start with FILE:LINE:COL: for editors. */
    private final boolean asIs;

    UserError(int exitCode, String message) {
        this(exitCode, message, null, false);
    }

    UserError(int exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, false);
    }

    private UserError(int exitCode, String message, Throwable cause, boolean asIs) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
        this.asIs = asIs;
    }

    /**
     * Lines printed exactly as given: each already says who speaks, either with {@link #PREFIX} or
     * by starting with the {@code FILE:LINE:COL:} of a config error, which editors and {@code grep
     * -n} style tools jump to.
     */
    static UserError printedAsIs(int exitCode, List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a user error needs at least one line");
        }
        return new UserError(exitCode, String.join("\n", lines), null, true);
    }

    int exitCode() {
        return exitCode;
    }

    /** The lines for stderr: one per problem, each prefixed with {@code pirsyncd: } unless complete as is. */
    List<String> printedLines() {
        List<String> lines = List.of(getMessage().split("\n", -1));
        return asIs ? lines : lines.stream().map(line -> PREFIX + line).toList();
    }
}
