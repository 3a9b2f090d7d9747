package pirsyncd.daemon;

import picocli.CommandLine;

/** The {@code pirsyncd} launcher's entry point. */
public final class Main {
    private Main() {}

    /** Runs one command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line; tests drive it without exiting the JVM. */
    static CommandLine commandLine() {
        return new CommandLine(new PirsyncdCommand());
    }
}
