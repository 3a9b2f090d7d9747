package pirsyncd.daemon;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code pirsyncd} launcher's entry point, and the one place where failures become what a
 * person sees: one line on stderr and an exit code, never a stack trace (that goes to the log).
 */
public final class Main {
    private Main() {}

    /** Runs one command line and exits with its code. */
    public static void main(String[] args) {
        // the terminal's charset, as picocli's own writers use
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, System.out.charset()), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, System.err.charset()), true);
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("demo"))) {
            StartupWarmUp.begin(); // a daemon starts: see there
        }
        // a client command (status, stop...) runs without building the picocli model: see ClientFastPath
        java.util.OptionalInt fast = ClientFastPath.run(args, out, err);
        int code = fast.isPresent() ? fast.getAsInt() : commandLineFor(args).execute(args);
        out.flush();
        System.out.flush();
        System.exit(code);
    }

    /** The whole command line, every subcommand; for help, completion and tests. */
    static CommandLine commandLine() {
        return build(PirsyncdCommand.SUBCOMMANDS);
    }

    /**
     * The command line with only the subcommand these arguments name, when they name one:
     * {@code status} must answer within 150 ms, and building the model of all subcommands costs
     * more than the whole rest of the client. Anything else (help, a typo, generate-completion) gets
     * the full model.
     */
    static CommandLine commandLineFor(String[] args) {
        // generate-completion writes the script for the whole command line, so it needs all of it
        if (args.length > 0 && PirsyncdCommand.SUBCOMMANDS.contains(args[0]) && !args[0].equals("generate-completion")) {
            return build(java.util.List.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine build(java.util.Collection<String> subcommands) {
        CommandLine commandLine = new CommandLine(new PirsyncdCommand());
        for (String name : subcommands) {
            commandLine.addSubcommand(name, PirsyncdCommand.subcommand(name));
        }
        for (String withSettings : new String[] {"run", "start", "check"}) {
            if (commandLine.getSubcommands().containsKey(withSettings)) {
                SettingsFlags.addTo(commandLine.getSubcommands().get(withSettings).getCommandSpec());
            }
        }
        if (commandLine.getSubcommands().containsKey("generate-completion")) {
            commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        }
        if (commandLine.getSubcommands().containsKey("examples")) {
            // "pirsyncd examples --delay" names a flag to explain, not an option of examples
            commandLine.getSubcommands().get("examples").setUnmatchedOptionsArePositionalParams(true);
        }
        commandLine.setExitCodeExceptionMapper(Main::exitCodeOf);
        commandLine.setExecutionExceptionHandler(Main::handleFailure);
        commandLine.setParameterExceptionHandler(Main::handleBadArguments);
        return commandLine;
    }

    private static int exitCodeOf(Throwable failure) {
        return failure instanceof UserError userError ? userError.exitCode() : ExitCodes.SOFTWARE;
    }

    private static int handleFailure(Exception failure, CommandLine commandLine, ParseResult parsed) {
        return report(failure, commandLine.getErr(), commandLine.getCommandName());
    }

    /**
     * Turns a command's failure into what a person sees on {@code err} and the exit code: the
     * lines of a {@link UserError}, else one line saying where the details are.
     */
    static int report(Exception failure, PrintWriter err, String command) {
        if (failure instanceof UserError userError) {
            // several problems (a config with more than one mistake) are one line each
            for (String line : userError.printedLines()) {
                err.println(line);
            }
            err.flush();
            return userError.exitCode();
        }
        if (failure instanceof InterruptedException) {
            err.println("pirsyncd: interrupted");
            err.flush();
            return ExitCodes.SOFTWARE;
        }
        // a bug: the details go to the log (stderr of a foreground daemon, the log file of a
        // background one), or to stderr on request; the person gets one line saying where to look
        String where;
        if (Logging.isConfigured()) {
            DaemonLog.DAEMON.error(failure, "internal error in pirsyncd {}", command);
            where = "the stack trace is in the daemon's log";
        } else if (System.getenv("PIRSYNCD_DEBUG") != null) {
            failure.printStackTrace(err);
            where = "the stack trace is above";
        } else {
            where = "run again with PIRSYNCD_DEBUG=1 for the stack trace";
        }
        err.println("pirsyncd: internal error: " + failure + "; this is a bug, please report it (" + where + ")");
        err.flush();
        return ExitCodes.SOFTWARE;
    }

    private static int handleBadArguments(ParameterException bad, String[] args) {
        CommandLine where = bad.getCommandLine();
        PrintWriter err = where.getErr();
        String command = where.getCommandSpec().qualifiedName();
        err.println("pirsyncd: " + bad.getMessage() + "; see: " + command + " --help");
        err.flush();
        return ExitCodes.USAGE;
    }
}
