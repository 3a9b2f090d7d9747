package pirsyncd.daemon;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pirsyncd.config.ConfigException;
import pirsyncd.config.ConfigExample;
import pirsyncd.config.ConfigExamples;
import pirsyncd.config.ConfigLoader;
import pirsyncd.config.ConfigOverrides;
import pirsyncd.config.PirsyncdConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every config setting as a flag, for {@code run}, {@code start} and {@code check}: the options
 * are made from the config module's catalogue ({@link ConfigExamples}) when the command line is
 * built, so that a new setting gets its flag, help text and example without a change here, and
 * flag and key cannot drift apart. Values go to the config module as typed; it parses and
 * validates them with the file's rules and messages.
 */
final class SettingsFlags {
    private SettingsFlags() {}

    /** Settings with list values: a repeated flag adds an element. */
    private static final List<String> LIST_KEYS = List.of("exclude", "extraArgs", "ssh.options");

    /** The catalogue's entries that are flags here, by flag name. {@code --instance} is {@link InstanceOptions}'. */
    private static Map<String, ConfigExample> flags() {
        Map<String, ConfigExample> flags = new LinkedHashMap<>();
        for (ConfigExample example : ConfigExamples.all()) {
            boolean ownFlag = example.key().equals("instance") || example.key().equals("targets");
            if (!ownFlag) {
                flags.putIfAbsent(example.flagName(), example);
            }
        }
        return flags;
    }

    /** Adds one option per setting to a command. */
    static void addTo(CommandSpec command) {
        for (ConfigExample example : flags().values()) {
            boolean list = LIST_KEYS.contains(example.key());
            OptionSpec.Builder option = OptionSpec.builder(example.flagName())
                    .paramLabel(label(example))
                    .description(example.description() + " Config: " + example.json());
            if (list) {
                option.type(List.class).auxiliaryTypes(String.class);
            } else {
                option.type(String.class);
            }
            command.addOption(option.build());
        }
    }

    private static String label(ConfigExample example) {
        String value = example.flag().substring(example.flagName().length()).strip();
        if (value.startsWith("true") || value.startsWith("false")) {
            return "true|false";
        }
        String key = example.key();
        String leaf = key.substring(key.lastIndexOf('.') + 1).replace("[]", "");
        return leaf.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The flags the user gave, for the config loader; {@code --instance} included when given. */
    static ConfigOverrides collect(ParseResult parsed, Optional<String> instance) {
        ConfigOverrides overrides = ConfigOverrides.none();
        if (instance.isPresent()) {
            overrides = overrides.with("instance", "--instance", instance.get());
        }
        Map<String, ConfigExample> flags = flags();
        for (OptionSpec option : parsed.matchedOptions()) {
            if (flags.containsKey(option.longestName())) {
                overrides = overrides.withFlag(option.longestName(), option.stringValues());
            }
        }
        return overrides;
    }

    /**
     * Loads and validates the configuration from the file and flags.
     *
     * @throws UserError with every problem, one per line ({@code FILE:LINE:COL: FIELD: message} for the
     *     file, {@code pirsyncd: --flag: message} for flags), exit 78
     */
    static PirsyncdConfig load(Optional<Path> file, ConfigOverrides overrides) {
        try {
            return ConfigLoader.load(file, overrides);
        } catch (ConfigException e) {
            // a line that points into the file starts with FILE:LINE:COL: so that editors jump to it
            throw UserError.printedAsIs(ExitCodes.CONFIG, e.lines().stream()
                    .map(line -> line.inFile() ? line.text() : UserError.PREFIX + line.text())
                    .toList());
        }
    }
}
