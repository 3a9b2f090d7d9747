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

    @SuppressWarnings("serial") // List.copyOf gives a serializable immutable list
    private final List<String> errors;

    ConfigException(List<String> errors) {
        super(String.join("\n", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a config error needs at least one message");
        }
        this.errors = List.copyOf(errors);
    }

    /** The error lines, in the order of the file; never empty. */
    public List<String> errors() {
        return errors;
    }

    /** The process exit code for a configuration error: {@value #EX_CONFIG}. */
    public int exitCode() {
        return EX_CONFIG;
    }
}
