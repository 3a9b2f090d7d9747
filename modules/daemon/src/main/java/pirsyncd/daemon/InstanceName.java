package pirsyncd.daemon;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name that keeps instances apart: it names the control socket, pid file and log. It comes
 * from {@code --instance}, else the config's {@code instance}, else the config file's base name,
 * else {@code default}.
 */
record InstanceName(String value) {
    /** Safe as a file name and short enough for a socket path. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    static final InstanceName DEFAULT = new InstanceName("default");

    InstanceName {
        if (!VALID.matcher(value).matches()) {
            throw new UserError(ExitCodes.USAGE, "--instance: \"" + value
                    + "\" is not a valid instance name; use 1-64 letters, digits, '.', '_', '-' or '@',"
                    + " starting with a letter or digit");
        }
    }

    /** The first of: the flag, the config's own name, the config file's base name, "default". */
    static InstanceName choose(Optional<String> flag, Optional<String> fromConfig, Optional<Path> configFile) {
        if (flag.isPresent()) {
            return new InstanceName(flag.get());
        }
        if (fromConfig.isPresent()) {
            return new InstanceName(fromConfig.get());
        }
        return configFile.map(InstanceName::fromFileName).orElse(DEFAULT);
    }

    /** {@code /etc/pirsyncd/www.json} is instance {@code www}. */
    static InstanceName fromFileName(Path file) {
        Path name = file.getFileName();
        String base = name == null ? "" : name.toString();
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        return VALID.matcher(stem).matches() ? new InstanceName(stem) : DEFAULT;
    }

    @Override
    public String toString() {
        return value;
    }
}
