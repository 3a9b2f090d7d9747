package pirsyncd.config;

/**
 * Where a setting came from, so that an error can point at it: a place in the config file, a
 * command-line flag, or nowhere (a required setting nobody gave).
 */
sealed interface Origin {

    /** A line and column (both counted from 1) in the config file, as the user named it. */
    record InFile(String file, int line, int column) implements Origin {}

    /** A command-line flag such as {@code --delay}. */
    record Flag(String flag) implements Origin {}

    /** Neither file nor flag: the setting was never given. */
    record Nowhere() implements Origin {}

    /**
     * The one-line error format: {@code FILE:LINE:COL: FIELD: message}, {@code --flag: message} or
     * {@code FIELD: message}; an empty field (a JSON syntax error) is left out.
     */
    static String format(Origin origin, String field, String message) {
        String fieldAndMessage = field.isEmpty() ? message : field + ": " + message;
        return switch (origin) {
            case InFile(String file, int line, int column) -> file + ":" + line + ":" + column + ": " + fieldAndMessage;
            case Flag(String flag) -> flag + ": " + message;
            case Nowhere() -> fieldAndMessage;
        };
    }
}
