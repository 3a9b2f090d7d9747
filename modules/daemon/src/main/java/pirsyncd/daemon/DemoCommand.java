package pirsyncd.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import pirsyncd.config.ConfigOverrides;
import pirsyncd.config.PirsyncdConfig;
import pirsyncd.daemon.logging.LogLevels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirsyncd demo}: a two-minute tour for the README. Makes a sample folder under a temp
 * directory, runs the real daemon in this process mirroring it to a second folder, makes a few
 * changes (create, modify, rename, delete, a new directory) and shows each arriving, then stops
 * with a final sync and cleans up. Bounded; Ctrl-C stops it cleanly.
 */
@Command(name = "demo", hidden = true, mixinStandardHelpOptions = true,
        description = "Mirror a sample folder to another under a temp directory and show changes arriving.")
final class DemoCommand implements Callable<Integer> {
    /** How long one change may take to arrive before the demo gives up. */
    private static final Duration ARRIVAL_BOUND = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "Keep the temp folder afterwards, to look at it.")
    boolean keep;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Files.createTempDirectory("pirsyncd-demo-");
        Path source = Files.createDirectories(home.resolve("source"));
        Path mirror = Files.createDirectories(home.resolve("mirror"));
        Files.writeString(source.resolve("readme.txt"), "a file that is there before the start\n");
        out.printf("demo folder %s: mirroring source/ to mirror/%n", home);
        out.flush();

        PirsyncdConfig config = SettingsFlags.load(Optional.empty(), ConfigOverrides.none()
                .with("instance", "--instance", "demo")
                .with("source", "--source", source.toString())
                .with("targets[].destination", "--destination", mirror.toString())
                .with("delay", "--delay", "0.2"));
        RuntimeLayout layout = RuntimeLayout.resolve(Optional.of(home.resolve("run").toString()), System.getenv(),
                new InstanceName("demo"));
        layout.createDirectory();
        Logging.configure(new Logging.Settings(LogLevels.parse("warn,rsync=info"), Optional.empty(), 0, 0));
        InstanceLock lock = switch (InstanceLock.acquire(layout.pidFile(), ProcessHandle.current().pid())) {
            case InstanceLock.Claim.Acquired acquired -> acquired.lock();
            case InstanceLock.Claim.HeldBy held -> throw DaemonLauncher.alreadyRunning(layout, held.pid());
        };
        boolean completed;
        StopSwitch stopSwitch = new StopSwitch();
        Signals.install(stopSwitch);
        try (lock; SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
                Daemon daemon = Daemon.start(config, layout, systemd)) {
            stopSwitch.attach(daemon::requestStop);
            completed = tour(out, daemon, source, mirror);
            daemon.requestStop(completed ? "demo done" : "demo interrupted");
            out.println(daemon.awaitStop().message());
        }
        out.println("mirror/ now holds:");
        try (Stream<Path> tree = Files.walk(mirror)) {
            tree.filter(path -> !path.equals(mirror)).sorted()
                    .forEach(path -> out.println("  " + mirror.relativize(path) + (Files.isDirectory(path) ? "/" : "")));
        }
        if (keep) {
            out.println("kept " + home);
        } else {
            deleteTree(home);
        }
        out.flush();
        return completed ? ExitCodes.OK : 130;
    }

    /** Each step: a change at the source, then wait (bounded) until the mirror shows it. */
    private boolean tour(PrintWriter out, Daemon daemon, Path source, Path mirror) throws IOException,
            InterruptedException {
        if (!step(out, daemon, "initial full sync brings readme.txt", () -> Files.exists(mirror.resolve("readme.txt")))) {
            return false;
        }
        Files.writeString(source.resolve("hello.txt"), "hello\n");
        if (!step(out, daemon, "create hello.txt", () -> contentIs(mirror.resolve("hello.txt"), "hello\n"))) {
            return false;
        }
        Files.writeString(source.resolve("hello.txt"), "hello, world\n");
        if (!step(out, daemon, "modify hello.txt", () -> contentIs(mirror.resolve("hello.txt"), "hello, world\n"))) {
            return false;
        }
        Files.move(source.resolve("hello.txt"), source.resolve("greeting.txt"));
        if (!step(out, daemon, "rename hello.txt to greeting.txt", () -> Files.exists(mirror.resolve("greeting.txt"))
                && !Files.exists(mirror.resolve("hello.txt")))) {
            return false;
        }
        Path photos = Files.createDirectories(source.resolve("photos/2026"));
        for (String name : List.of("a.jpg", "b.jpg", "c.jpg")) {
            Files.writeString(photos.resolve(name), name);
        }
        if (!step(out, daemon, "create photos/2026/ with 3 files",
                () -> Files.exists(mirror.resolve("photos/2026/c.jpg")))) {
            return false;
        }
        Files.delete(source.resolve("greeting.txt"));
        return step(out, daemon, "delete greeting.txt", () -> !Files.exists(mirror.resolve("greeting.txt")));
    }

    private static boolean step(PrintWriter out, Daemon daemon, String what, BooleanSupplier arrived)
            throws InterruptedException {
        out.printf("-> %-40s", what);
        out.flush();
        long started = System.nanoTime();
        long deadline = started + ARRIVAL_BOUND.toNanos();
        while (!arrived.getAsBoolean()) {
            if (daemon.stopping()) {
                out.println(" interrupted");
                return false;
            }
            if (System.nanoTime() > deadline) {
                out.println(" did not arrive within " + ARRIVAL_BOUND.toSeconds() + " s");
                return false;
            }
            Thread.sleep(10); // watching another thread's effect on the file system
        }
        out.printf(" arrived after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        out.flush();
        return true;
    }

    private static boolean contentIs(Path file, String content) {
        try {
            return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
