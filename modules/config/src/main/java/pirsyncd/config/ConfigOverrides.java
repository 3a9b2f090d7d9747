package pirsyncd.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings given as command-line flags, which beat the config file: the value as the user typed
 * it, the config key it sets and the flag's name for error messages
 * ({@code --delay: "abc" is not a number of seconds; write e.g. 0.5}). Free of any CLI library;
 * the daemon fills it from its parsed options. Immutable: each {@code with...} returns a copy.
 *
 * <p>Rsync options given as flags also beat what individual targets set. {@code --destination}
 * ({@code targets[].destination}) stands for the single target: with no file it makes one, with a
 * file of one target it replaces that target's destination, and with several it is an error.
 */
public final class ConfigOverrides {
    private static final Set<String> LIST_KEYS = Set.of("exclude", "extraArgs", "ssh.options");
    private static final ConfigOverrides NONE = new ConfigOverrides(List.of());

    /**
     * One flag's value(s).
     *
     * @param key the config key, e.g. {@code ssh.port} or {@code targets[].destination}
     * @param flag the flag as the user knows it, e.g. {@code --ssh-port}
     * @param values one value, or any number for list settings (a repeated flag)
     */
    public record Setting(String key, String flag, List<String> values) {
        public Setting {
            Objects.requireNonNull(key);
            Objects.requireNonNull(flag);
            values = List.copyOf(values);
        }

        boolean isList() {
            return LIST_KEYS.contains(key);
        }
    }

    private final List<Setting> settings;

    private ConfigOverrides(List<Setting> settings) {
        this.settings = List.copyOf(settings);
    }

    /** No flags. */
    public static ConfigOverrides none() {
        return NONE;
    }

    /**
     * Adds a single-valued setting by config key.
     *
     * @throws IllegalArgumentException if the key is unknown or holds a list
     */
    public ConfigOverrides with(String key, String flag, String value) {
        requireKnown(key, false);
        return plus(new Setting(key, flag, List.of(value)));
    }

    /**
     * Adds a list setting ({@code exclude}, {@code extraArgs}, {@code ssh.options}) by config key;
     * the list replaces the file's.
     *
     * @throws IllegalArgumentException if the key is unknown or holds a single value
     */
    public ConfigOverrides withList(String key, String flag, List<String> values) {
        requireKnown(key, true);
        return plus(new Setting(key, flag, values));
    }

    /**
     * Adds a setting by its flag's name from {@link ConfigExamples} (e.g. {@code --delay}), for a
     * CLI that declares exactly the catalogue's flags.
     *
     * @throws IllegalArgumentException if no setting has this flag
     */
    public ConfigOverrides withFlag(String flag, List<String> values) {
        ConfigExample example = ConfigExamples.all().stream()
                .filter(e -> e.flagName().equals(flag) && !e.key().equals("targets")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no config setting has the flag " + flag));
        return LIST_KEYS.contains(example.key())
                ? withList(example.key(), flag, values)
                : with(example.key(), flag, values.getLast());
    }

    /** The settings in the order given; a later one for the same key wins. */
    public List<Setting> settings() {
        return settings;
    }

    private ConfigOverrides plus(Setting setting) {
        List<Setting> more = new ArrayList<>(settings);
        more.removeIf(s -> s.key().equals(setting.key()));
        more.add(setting);
        return new ConfigOverrides(more);
    }

    private static void requireKnown(String key, boolean list) {
        boolean known = ConfigExamples.all().stream().anyMatch(e -> e.key().equals(key)) && !key.equals("targets");
        if (!known) {
            throw new IllegalArgumentException("not a config key that a flag can set: " + key);
        }
        if (LIST_KEYS.contains(key) != list) {
            throw new IllegalArgumentException(key + (list ? " holds one value; use with()" : " holds a list; use withList()"));
        }
    }
}
