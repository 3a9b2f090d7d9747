package pirsyncd.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.inotify.Inotify;
import pirsyncd.model.Change;
import pirsyncd.model.ChangeSink;
import pirsyncd.model.RelativePath;

/**
 * Watches one source tree and reports its changes to a {@link ChangeSink}: one inotify watch per
 * directory, kept in step with the tree as it changes (see the module README for the guarantees).
 *
 * <p>{@link #start} walks the tree on the calling thread and returns once every directory is
 * watched, so a full sync started afterwards cannot miss a change. From then on one reader thread
 * owns the inotify instance and the watch tree: it reads events, turns them into changes, delivers
 * one list per read to the sink, looks for a missing root and rescans unwatched parts. Other
 * threads only read {@link #status()} (a published immutable snapshot) and call {@link #close()}.
 */
public final class SourceWatcher implements AutoCloseable {
    private static final TaggedLogger LOG = Logger.tag("watch");

    /** How long an IN_MOVED_FROM that ended a read waits for its IN_MOVED_TO in the next read. */
    static final Duration MOVE_PAIRING_GRACE = Duration.ofMillis(50);

    private final WatchSettings settings;
    private final ChangeSink sink;
    private final Inotify inotify;
    private final byte[] rootBytes;
    private final Walker walker;
    private final EventTranslator translator;
    private final Thread reader;
    // written by the reader thread only (and by start() before the reader exists)
    private WatchStatus.RootState state = WatchStatus.RootState.WATCHING;
    private String problem;
    private long overflows;
    private long nextRootCheckNanos;
    private long nextUnwatchedRescanNanos;
    private volatile WatchStatus published;
    private volatile boolean closing;

    private SourceWatcher(WatchSettings settings, ChangeSink sink, Inotify inotify) {
        this.settings = settings;
        this.sink = sink;
        this.inotify = inotify;
        this.rootBytes = settings.root().toString().getBytes(StandardCharsets.UTF_8);
        this.walker = new Walker(inotify, rootBytes, settings.excludes(), settings.maxWatches());
        this.translator = new EventTranslator(new WatchTree(), walker, settings.excludes(), settings.logEvents());
        this.reader = Thread.ofPlatform().name("watch " + settings.root()).daemon().unstarted(this::run);
    }

    /**
     * Checks the watch budget, watches every directory of the tree that is not excluded, and
     * starts the reader thread.
     *
     * @throws IOException with a one-line message when the root is missing, not a directory or
     *     unreadable, when the tree needs more watches than are available (with the numbers and
     *     the sysctl that fixes it), or when inotify cannot be opened
     */
    public static SourceWatcher start(WatchSettings settings, ChangeSink sink) throws IOException {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(sink);
        Inotify inotify = Inotify.open();
        SourceWatcher watcher = new SourceWatcher(settings, sink, inotify);
        try {
            watcher.initialWalk();
        } catch (IOException | RuntimeException e) {
            inotify.close();
            throw e;
        }
        watcher.publishStatus();
        watcher.reader.start();
        return watcher;
    }

    private void initialWalk() throws IOException {
        long started = System.nanoTime();
        if (!java.nio.file.Files.isDirectory(settings.root())) {
            throw new IOException("source " + settings.root() + (java.nio.file.Files.exists(settings.root())
                    ? " is not a directory; point the source at a directory"
                    : " does not exist; create it or correct the source path"));
        }
        WatchBudget budget = WatchBudget.measure(settings.maxWatches());
        WatchTree tree = translator.tree();
        Walker.Result result;
        try {
            result = walker.walk(tree, tree.root(), budget.available());
        } catch (NoSuchFileException e) {
            throw new IOException("source " + settings.root() + " does not exist; create it or correct the source path");
        } catch (NotDirectoryException e) {
            throw new IOException("source " + settings.root() + " is not a directory; point the source at a directory");
        } catch (AccessDeniedException e) {
            throw new IOException("source " + settings.root() + " cannot be read (permission denied); run as a user who can read it");
        }
        if (result.unwatched() > 0) {
            throw new IOException(budget.shortfall(settings.root(), (long) result.watched() + result.unwatched()));
        }
        LOG.info("watching {}: {} directories in {} ms ({} watches were available)", settings.root(),
                result.watched(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), budget.available());
        long now = System.nanoTime();
        nextUnwatchedRescanNanos = now + settings.unwatchedRescanInterval().toNanos();
        nextRootCheckNanos = now;
    }

    /** A snapshot of the watcher's state; callable from any thread. */
    public WatchStatus status() {
        return published;
    }

    /** Stops the reader thread promptly and closes the inotify instance. Idempotent. */
    @Override
    public void close() {
        closing = true;
        inotify.wakeup();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inotify.close();
    }

    private void run() {
        try {
            while (!closing) {
                int read = inotify.awaitEvents(translator::onEvent, timeoutMillis());
                if (closing) {
                    break;
                }
                afterRead(read > 0);
            }
        } catch (IOException | RuntimeException e) {
            // nothing can be watched any more: say so where a person looks, rather than die quietly
            LOG.error("watching {} stopped: {}", settings.root(), e.toString());
            state = WatchStatus.RootState.ROOT_MISSING;
            problem = "the watcher stopped: " + e.getMessage();
            publishStatus();
        } finally {
            inotify.close();
        }
    }

    private void afterRead(boolean gotEvents) throws IOException {
        long now = System.nanoTime();
        long pendingAge = translator.pendingMoveAgeNanos(now);
        if (pendingAge >= 0 && (!gotEvents || pendingAge >= MOVE_PAIRING_GRACE.toNanos())) {
            translator.expirePendingMove();
        }
        String lost = translator.takeRootLost();
        if (lost != null) {
            loseRoot(lost);
        }
        if (translator.takeOverflow() && state == WatchStatus.RootState.WATCHING) {
            overflows++;
            translator.resync(translator.tree().root());
            translator.batch().add(new Change.Rescan(RelativePath.ROOT, "inotify queue overflow"));
        }
        if (state == WatchStatus.RootState.ROOT_MISSING && now - nextRootCheckNanos >= 0) {
            nextRootCheckNanos = now + settings.rootRetryInterval().toNanos();
            lookForRoot();
        }
        if (state == WatchStatus.RootState.WATCHING && now - nextUnwatchedRescanNanos >= 0) {
            nextUnwatchedRescanNanos = now + settings.unwatchedRescanInterval().toNanos();
            rescanUnwatched();
        }
        deliver();
        publishStatus();
    }

    /** How long to wait for events: until the next timed duty. */
    private long timeoutMillis() {
        long now = System.nanoTime();
        long next = state == WatchStatus.RootState.ROOT_MISSING ? nextRootCheckNanos : nextUnwatchedRescanNanos;
        long pendingAge = translator.pendingMoveAgeNanos(now);
        if (pendingAge >= 0) {
            next = Math.min(next, now + MOVE_PAIRING_GRACE.toNanos() - pendingAge);
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1);
    }

    private void loseRoot(String why) {
        String message = "source " + settings.root() + " is gone (" + why + "); watching resumes when it is back";
        LOG.error(message);
        state = WatchStatus.RootState.ROOT_MISSING;
        problem = message;
        WatchTree tree = translator.tree();
        for (int wd : tree.removeSubtreeKeeping(tree.root())) {
            walker.removeQuietly(wd);
        }
        translator.replaceTree(new WatchTree());
        nextRootCheckNanos = System.nanoTime() + settings.rootRetryInterval().toNanos();
    }

    private void lookForRoot() throws IOException {
        WatchTree fresh = new WatchTree();
        translator.replaceTree(fresh);
        try {
            walker.walk(fresh, fresh.root(), Long.MAX_VALUE);
        } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
            LOG.debug("source {} still missing: {}", settings.root(), e.getMessage());
            return;
        }
        LOG.info("source {} is back: watching {} directories", settings.root(), fresh.watchedCount());
        state = WatchStatus.RootState.WATCHING;
        problem = null;
        translator.batch().add(new Change.Rescan(RelativePath.ROOT, "source root is back"));
    }

    private void rescanUnwatched() throws IOException {
        WatchTree tree = translator.tree();
        for (Node node : tree.unwatchedNodes()) {
            if (!tree.isAttached(node)) {
                continue;
            }
            RelativePath path = tree.pathOf(node);
            Walker.Result result = walker.walk(tree, node, Long.MAX_VALUE);
            String reason = result.unwatched() == 0
                    ? "watched again after the inotify watch limit was reached"
                    : "not watched (inotify watch limit); compared in full every " + settings.unwatchedRescanInterval();
            translator.batch().add(new Change.Rescan(path, reason));
        }
    }

    private void deliver() {
        if (translator.batch().isEmpty()) {
            return;
        }
        List<Change> changes = translator.batch().drain();
        try {
            sink.accept(changes);
        } catch (RuntimeException e) {
            // the sink's bug must not end watching; the changes are lost, so ask for a full rescan
            LOG.error("the change sink failed: {}; asking for a full rescan", e.toString());
            translator.batch().add(new Change.Rescan(RelativePath.ROOT, "change sink failed: " + e.getMessage()));
        }
    }

    private void publishStatus() {
        WatchTree tree = translator.tree();
        published = new WatchStatus(settings.root(), state, Optional.ofNullable(problem), tree.watchedCount(),
                tree.unwatchedPaths(), translator.eventsRead(), overflows, WatchStatus.BYTES_PER_DIRECTORY);
    }
}
