package pirsyncd.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scenario's world: a source tree, a replica folder, a destination of the given kind that points at
 * the replica, and the pirsyncd instance mirroring one to the other. {@link #converge} is the suite's
 * single definition of "the daemon caught up": a barrier file written last must reach the replica (so
 * every earlier event was read, inotify keeps order), then {@code status --json} must report nothing
 * pending and every target idle, and then the trees must be identical.
 */
final class Mirror implements AutoCloseable {
    static final Duration CONVERGE_BOUND = Duration.ofMinutes(2);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String scenario;
    private final DestinationKind kind;
    private final Path source;
    private final Path replica;
    private final List<Daemon> daemons = new ArrayList<>();
    // directory mtimes in every scenario: rsync -a sets them for the directories a run touches, and the
    // daemon's targeted runs (--files-from, implied directories) touch every parent of what they send
    private final Set<TreeComparator.Check> checks = EnumSet.of(TreeComparator.Check.DIRECTORY_MTIMES);
    private final List<String> extraArgs = new ArrayList<>();
    private final Map<String, Object> targetOptions = new LinkedHashMap<>();
    private int barriers;

    private Mirror(String scenario, DestinationKind kind) {
        this.scenario = scenario;
        this.kind = kind;
        // a plain folder name: odd names are FileNamesIT's subject, not every scenario's
        String slug = scenario.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Path world = Workspace.fresh("worlds/" + slug + "-" + kind.label());
        this.source = Workspace.created(world.resolve("src"));
        this.replica = Workspace.created(world.resolve("dst"));
    }

    /** A fresh world for {@code scenario}; also opens its row in the summary table. */
    static Mirror create(String scenario, DestinationKind kind) {
        Summary.begin(scenario, kind);
        switch (kind) {
            case LOCAL -> { }
            case SSH -> Remotes.sshd();
            case RSYNC_DAEMON -> Remotes.rsyncd();
        }
        return new Mirror(scenario, kind);
    }

    Path source() {
        return source;
    }

    Path replica() {
        return replica;
    }

    DestinationKind kind() {
        return kind;
    }

    /** Also compares this property (hard links) at every convergence; directory mtimes always are. */
    Mirror checking(TreeComparator.Check check) {
        checks.add(check);
        return this;
    }

    /** Extra command-line options for the daemon, e.g. {@code --hard-links}. */
    Mirror withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /**
     * A per-target option of the config file (issue 5's names, e.g. {@code extraArgs}, {@code bwlimit});
     * a mirror with target options is always started from a config file.
     */
    Mirror withTargetOption(String key, Object value) {
        targetOptions.put(key, value);
        return this;
    }

    /** {@code pirsyncd start} for this world; the daemon is stopped when the mirror closes. */
    Daemon start() {
        Daemon daemon = Daemon.start(nextInstance(), daemonArgs());
        daemons.add(daemon);
        return daemon;
    }

    /** {@code pirsyncd run} in the foreground as a child process. */
    Daemon run() {
        return run(List.of());
    }

    /** {@code PREFIX pirsyncd run} in the foreground as a child process. */
    Daemon run(List<String> prefix) {
        Daemon daemon = Daemon.run(nextInstance(), daemonArgs(), prefix);
        daemons.add(daemon);
        return daemon;
    }

    /** {@code PREFIX pirsyncd run}, expected to refuse and exit; returns what it said. */
    ExecResult runToExit(List<String> prefix) {
        return Daemon.runToExit(nextInstance(), daemonArgs(), prefix);
    }

    /**
     * Waits until {@code daemon} caught up with everything done to the source so far, then proves the
     * replica identical; records the time taken in the summary and returns it.
     */
    Duration converge(Daemon daemon) {
        long start = System.nanoTime();
        String barrier = ".e2e-barrier-" + ++barriers;
        String token = scenario + " " + System.nanoTime();
        try {
            Files.writeString(source.resolve(barrier), token, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until(CONVERGE_BOUND, "barrier " + barrier + " to reach the replica",
                () -> token.equals(readQuietly(replica.resolve(barrier))),
                () -> daemon.quickStatus().map(DaemonStatus::json).orElse("no status") + "\n" + daemon.logs());
        daemon.awaitSettled(CONVERGE_BOUND);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        TreeComparator.assertSame(source, replica, checks);
        Summary.converged(took);
        return took;
    }

    /** The trees are identical right now (no waiting). */
    void assertIdentical() {
        TreeComparator.assertSame(source, replica, checks);
    }

    FsOps ops() {
        return FsOps.in(source);
    }

    private String nextInstance() {
        return "e2e" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
    }

    /** Local destinations use plain flags, as the examples do; remote ones a config file. */
    List<String> daemonArgs() {
        List<String> args = new ArrayList<>();
        switch (kind) {
            case LOCAL -> {
                if (targetOptions.isEmpty()) {
                    args.addAll(List.of("--source", source.toString(), "--destination", replica.toString(),
                            "--delay", "0.2"));
                } else {
                    args.addAll(List.of("--config", writeConfig().toString()));
                }
            }
            case SSH, RSYNC_DAEMON -> args.addAll(List.of("--config", writeConfig().toString()));
        }
        args.addAll(extraArgs);
        return args;
    }

    private Path writeConfig() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.put("source", source.toString());
        config.put("delay", 0.2);
        ArrayNode targets = config.putArray("targets");
        ObjectNode target = targets.addObject();
        switch (kind) {
            case LOCAL -> target.put("destination", replica.toString());
            case SSH -> {
                target.put("destination", "root@127.0.0.1:" + replica);
                ObjectNode ssh = target.putObject("ssh");
                ssh.put("port", Remotes.sshd().port());
                ssh.put("identityFile", Remotes.sshIdentity().toString());
                // the test's host key is new every run
                ssh.putArray("options").add("StrictHostKeyChecking=no").add("UserKnownHostsFile=/dev/null")
                        .add("LogLevel=ERROR");
            }
            case RSYNC_DAEMON -> {
                target.put("destination", "rsync://" + Remotes.RSYNC_USER + "@127.0.0.1:" + Remotes.rsyncd().port()
                        + "/" + Remotes.RSYNC_MODULE + "/" + Remotes.modulePath(replica));
                target.put("passwordFile", Remotes.rsyncPasswordFile().toString());
            }
        }
        targetOptions.forEach((key, value) -> target.set(key, json.valueToTree(value)));
        Path file = replica.resolveSibling("pirsyncd.json");
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        for (Daemon daemon : daemons) {
            daemon.close();
        }
    }
}
