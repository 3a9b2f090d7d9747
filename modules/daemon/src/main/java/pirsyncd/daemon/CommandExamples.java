package pirsyncd.daemon;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Worked examples of the parameters that are not config settings: options of the command line
 * alone ({@code --config}, {@code --runtime-dir}, {@code --json}...) and the environment variables
 * pirsyncd reads. {@code pirsyncd examples} prints them after the settings of
 * {@code pirsyncd.config.ConfigExamples}; a test checks that every option of every command has one.
 */
final class CommandExamples {
    private CommandExamples() {}

    /**
     * One parameter.
     *
     * @param names the option's names or the variable's name, e.g. {@code --version}, {@code -V}
     * @param usedBy where it applies, e.g. {@code run, start, check} or {@code environment}
     * @param description what it does and its default
     * @param usages command lines using it
     */
    record CommandExample(List<String> names, String usedBy, String description, List<String> usages) {
        CommandExample {
            names = List.copyOf(names);
            Objects.requireNonNull(usedBy);
            Objects.requireNonNull(description);
            usages = List.copyOf(usages);
        }

        /** As {@code pirsyncd examples} prints it. */
        String render() {
            StringBuilder out = new StringBuilder(String.join(", ", names)).append(" (").append(usedBy).append(")\n")
                    .append("  ").append(description).append('\n');
            for (String usage : usages) {
                out.append("  e.g.:  ").append(usage).append('\n');
            }
            return out.toString();
        }

        /** Whether {@code option} names it: any of its names, case-insensitive, with or without dashes. */
        boolean isCalled(String option) {
            String wanted = option.toLowerCase(Locale.ROOT).replaceFirst("^-+", "");
            return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).replaceFirst("^-+", "").equals(wanted));
        }
    }

    private static final String EVERY_COMMAND = "run, start, stop, status, resync, metrics, check, examples";
    private static final String CLIENT_COMMANDS = "stop, status, resync, metrics";

    private static final List<CommandExample> ALL = List.of(
            new CommandExample(List.of("--config"), "run, start, check",
                    "The JSON config file (docs/config.md); its base name is the instance name unless the file sets"
                            + " \"instance\". Without it, --source and --destination describe a one-destination setup.",
                    List.of("pirsyncd check --config /etc/pirsyncd/www.json",
                            "pirsyncd start --config /etc/pirsyncd/www.json --delay 2")),
            new CommandExample(List.of("--instance"), CLIENT_COMMANDS + "; as a setting: run, start, check",
                    "Which running instance a client command addresses: its control socket NAME.sock in the runtime"
                            + " folder; default \"default\". For run, start and check it names the instance (the"
                            + " \"instance\" setting).",
                    List.of("pirsyncd status --instance www", "pirsyncd stop --instance www")),
            new CommandExample(List.of("--runtime-dir", RuntimeLayout.ENVIRONMENT_VARIABLE),
                    "run, start, check, " + CLIENT_COMMANDS + "; or the environment",
                    "The folder of the control socket, pid file and default log; default /run/pirsyncd for root, else"
                            + " $XDG_RUNTIME_DIR/pirsyncd, else /tmp/pirsyncd-UID. A new folder is made private (0700);"
                            + " an existing one keeps its mode, a shared one with the sticky bit (like /tmp) gets a"
                            + " private subfolder pirsyncd-UID, and one others may write to otherwise is refused."
                            + " An empty " + RuntimeLayout.ENVIRONMENT_VARIABLE + " counts as unset.",
                    List.of("pirsyncd start --config www.json --runtime-dir /srv/pirsyncd/run",
                            "pirsyncd status --instance www --runtime-dir /srv/pirsyncd/run",
                            RuntimeLayout.ENVIRONMENT_VARIABLE + "=/srv/pirsyncd/run pirsyncd status --instance www")),
            new CommandExample(List.of("--json"), "status",
                    "Print the status as JSON for scripts instead of a table: instance, pid, uptime, watches,"
                            + " unwatched, pending, targets[] with state, nextRun, lastSuccess, lastError... (fields:"
                            + " docs/config.md, \"Status and metrics\").",
                    List.of("pirsyncd status --instance www --json | jq '.targets[] | {name, state, pending}'")),
            new CommandExample(List.of("--start-timeout"), "start",
                    "Seconds start waits for the background daemon to be up (its watches set, which takes a while on"
                            + " a big tree) before it gives up and stops it; default 120.",
                    List.of("pirsyncd start --config /etc/pirsyncd/big.json --start-timeout 600")),
            new CommandExample(List.of("--help", "-h"), EVERY_COMMAND,
                    "Print the command's usage, every option with its description, and its exit codes.",
                    List.of("pirsyncd --help", "pirsyncd run --help")),
            new CommandExample(List.of("--version", "-V"), EVERY_COMMAND,
                    "Print the version of pirsyncd.",
                    List.of("pirsyncd --version")),
            new CommandExample(List.of("PIRSYNCD_DEBUG"), "environment",
                    "Set to anything, a client command that hits an internal error prints its stack trace (a daemon"
                            + " writes it to its log anyway).",
                    List.of("PIRSYNCD_DEBUG=1 pirsyncd check --config www.json")),
            new CommandExample(List.of("PIRSYNCD_JAVA_OPTS"), "environment, read by bin/pirsyncd",
                    "Extra JVM options for the launcher, each without spaces of its own.",
                    List.of("PIRSYNCD_JAVA_OPTS=-Xmx256m pirsyncd start --config www.json")));

    /** Every parameter that is not a config setting, in the order printed. */
    static List<CommandExample> all() {
        return ALL;
    }

    /** The examples called {@code option}. */
    static List<CommandExample> find(String option) {
        return ALL.stream().filter(e -> e.isCalled(option)).toList();
    }
}
