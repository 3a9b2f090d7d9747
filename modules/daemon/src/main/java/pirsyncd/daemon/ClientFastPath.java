package pirsyncd.daemon;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs {@code --version}, and {@code status}, {@code resync}, {@code metrics} and {@code stop},
 * without picocli when the command line is one of the few they take ({@code --json}, {@code --instance NAME},
 * {@code --runtime-dir DIR}, each at most once, with a space or {@code =}).
 *
 * <p>Why: {@code status} must answer within 150 ms, and picocli is the largest cost of a client
 * run. Its classes target Java 5, which the JDK's AOT cache does not archive, so each run loads
 * and verifies some 170 of them from scratch to build a model of options a client command barely
 * has. Anything else (help, a typo, an unknown option) goes to picocli as before, so messages and
 * help stay picocli's, and {@link ClientCommands} does the work either way.
 */
final class ClientFastPath {
    private ClientFastPath() {}

    /** The parsed command line of a client command. */
    private record ClientLine(String command, boolean json, Optional<String> instance, Optional<String> runtimeDir) {}

    /**
     * Runs the command if the arguments are a plain client command line.
     *
     * @return the exit code, or empty when picocli must handle these arguments
     */
    static OptionalInt run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli's version provider prints, without building its model
            out.println("pirsyncd " + VersionProvider.version());
            return OptionalInt.of(ExitCodes.OK);
        }
        Optional<ClientLine> line = parse(args);
        if (line.isEmpty()) {
            return OptionalInt.empty();
        }
        ClientLine client = line.get();
        try {
            RuntimeLayout layout = InstanceOptions.layoutFor(client.instance(), client.runtimeDir());
            return OptionalInt.of(switch (client.command()) {
                case "status" -> ClientCommands.status(layout, client.json(), out);
                case "resync" -> ClientCommands.resync(layout, out);
                case "metrics" -> ClientCommands.metrics(layout, out);
                case "stop" -> ClientCommands.stop(layout, out);
                default -> throw new IllegalStateException("not a client command: " + client.command());
            });
        } catch (Exception e) {
            return OptionalInt.of(Main.report(e, err, client.command()));
        }
    }

    private static Optional<ClientLine> parse(String[] args) {
        if (args.length == 0 || !(args[0].equals("status") || args[0].equals("resync") || args[0].equals("metrics")
                || args[0].equals("stop"))) {
            return Optional.empty();
        }
        boolean json = false;
        String instance = null;
        String runtimeDir = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (arg.equals("--json") && args[0].equals("status") && !json) {
                json = true;
                continue;
            }
            if (!name.equals("--instance") && !name.equals("--runtime-dir")) {
                return Optional.empty();
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                value = args[++i];
            } else {
                return Optional.empty(); // a missing value: picocli says so
            }
            if (name.equals("--instance") && instance == null) {
                instance = value;
            } else if (name.equals("--runtime-dir") && runtimeDir == null) {
                runtimeDir = value;
            } else {
                return Optional.empty(); // given twice: picocli says so
            }
        }
        return Optional.of(new ClientLine(args[0], json, Optional.ofNullable(instance), Optional.ofNullable(runtimeDir)));
    }
}
