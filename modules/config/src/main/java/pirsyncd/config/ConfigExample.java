package pirsyncd.config;

import java.util.Objects;

/**
 * A worked example for one setting, as {@code pirsyncd examples [OPTION]} prints it.
 *
 * @param key the setting's path in the config file, e.g. {@code delay}, {@code ssh.port},
 *     {@code targets[].destination}
 * @param json a config snippet using it, e.g. {@code "delay": 0.5}
 * @param flag the equivalent command-line flag with a value, e.g. {@code --delay 0.5}
 * @param description one sentence: what it does and its default
 * @param perTarget true for rsync options that a target may override
 */
public record ConfigExample(String key, String json, String flag, String description, boolean perTarget) {
    public ConfigExample {
        Objects.requireNonNull(key);
        Objects.requireNonNull(json);
        Objects.requireNonNull(flag);
        Objects.requireNonNull(description);
    }

    /** The flag's name without its value, e.g. {@code --delay}. */
    public String flagName() {
        int space = flag.indexOf(' ');
        return space < 0 ? flag : flag.substring(0, space);
    }

    /** The example as a few lines for a terminal. */
    public String render() {
        return key + (perTarget ? " (also per target)" : "") + "\n"
                + "  " + description + "\n"
                + "  config: " + json + "\n"
                + "  flag:   " + flag + "\n";
    }
}
