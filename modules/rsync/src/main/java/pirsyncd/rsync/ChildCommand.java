package pirsyncd.rsync;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One child process a target runs (rsync, the {@code --list-only} guard, {@code xargs mv}, the ssh
 * rename script): its argument vector, the whole of its stdin, the directory it runs in, and the
 * step it belongs to. {@link #pasteable} is what {@code debug.commands} logs. Immutable (a class,
 * not a record, only because a record should not hold an array).
 */
final class ChildCommand {
    private final String step;
    private final List<String> argv;
    private final byte[] stdin;
    private final Optional<Path> directory;

    /**
     * @param step what the process is for, e.g. {@code "paths"}; starts the logged line
     * @param argv the argument vector; never goes through a shell
     * @param stdin everything written to its stdin (NUL-separated names, filter rules, a script), often empty
     * @param directory the working directory, if not the daemon's own
     */
    ChildCommand(String step, List<String> argv, byte[] stdin, Optional<Path> directory) {
        this.step = Objects.requireNonNull(step);
        this.argv = List.copyOf(argv);
        this.stdin = stdin.clone();
        this.directory = Objects.requireNonNull(directory);
    }

    /** A command with no input, run where the daemon runs. */
    static ChildCommand of(String step, List<String> argv) {
        return new ChildCommand(step, argv, new byte[0], Optional.empty());
    }

    String step() {
        return step;
    }

    List<String> argv() {
        return argv;
    }

    byte[] stdin() {
        return stdin.clone();
    }

    Optional<Path> directory() {
        return directory;
    }

    /**
     * The command as one line a person can paste into a POSIX shell to run the same thing: the
     * stdin is produced by {@code printf} (a NUL-separated list as {@code printf '%b\0' 'a' 'b'},
     * anything else as one {@code printf '%b'} word) with every byte spelled exactly and the line
     * kept on one line and in ASCII (see {@link ShellQuote#printfArgument}), and the working
     * directory entered with {@code cd} first. The product itself never runs this through a shell.
     */
    String pasteable() {
        StringBuilder line = new StringBuilder();
        directory.ifPresent(dir -> line.append("cd -- ").append(ShellQuote.word(dir.toString())).append(" && "));
        if (stdin.length > 0) {
            line.append(ShellQuote.printfPipe(stdin)).append(" | ");
        }
        line.append(ShellQuote.commandLine(argv));
        return line.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChildCommand c && step.equals(c.step) && argv.equals(c.argv)
                && java.util.Arrays.equals(stdin, c.stdin) && directory.equals(c.directory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, argv, java.util.Arrays.hashCode(stdin), directory);
    }

    @Override
    public String toString() {
        return step + ": " + pasteable();
    }
}
