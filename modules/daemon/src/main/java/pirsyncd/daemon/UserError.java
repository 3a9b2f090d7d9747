package pirsyncd.daemon;

import java.io.Serial;

/**
 * A failure a person can act on: its message is one complete line that names the field, path or
 * instance concerned and says how to fix it, and it carries the exit code. {@link Main} prints it
 * as {@code pirsyncd: MESSAGE} and never shows a stack trace.
 */
final class UserError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    UserError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    UserError(int exitCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
