package pirsyncd.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
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
 * one list per read to the sink, checks that the root path still names the directory it watches,
 * looks for a missing root, rescans unwatched parts, and recovers from its own failures by
 * reopening inotify. Other threads only read {@link #status()} (a published immutable snapshot)
 * and call {@link #close()}.
 */
public final class SourceWatcher implements AutoCloseable {
    private static final TaggedLogger LOG = Logger.tag("watch");

    /** How often the heap estimate is refreshed at most while the tree changes. */
    private static final long FOOTPRINT_REFRESH_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Opens an inotify instance: {@link Inotify#open} in production, a seam for tests of recovery. */
    @FunctionalInterface
    interface InotifyOpener {
        Inotify open() throws IOException;
    }

    private final WatchSettings settings;
    private final ChangeSink sink;
    private final byte[] rootBytes;
    private final InotifyOpener opener;
    private final Thread reader;
    // Replaced only by the reader when it recovers from an error; volatile so that close(), on
    // another thread, wakes and closes the current one.
    private volatile Inotify inotify;
    // written by the reader thread only (and by start() before the reader exists)
    private Walker walker;
    private EventTranslator translator;
    private long eventsReadEarlier;
    private WatchStatus.RootState state = WatchStatus.RootState.WATCHING;
    private String problem;
    private RootIdentity rootIdentity;
    private long overflows;
    private long nextRootCheckNanos;
    private long nextUnwatchedRescanNanos;
    private long nextReopenNanos;
    private long lastRecoveryNanos;
    private int reopenFailures;
    private int bytesPerDirectory;
    private int footprintWatched = -1;
    private long footprintAtNanos;
    private volatile WatchStatus published;
    private volatile boolean closing;

    private SourceWatcher(WatchSettings settings, ChangeSink sink, InotifyOpener opener, Inotify inotify) {
        this.settings = settings;
        this.sink = sink;
        this.opener = opener;
        this.rootBytes = settings.root().toString().getBytes(StandardCharsets.UTF_8);
        this.reader = Thread.ofPlatform().name("watch " + settings.root()).daemon().unstarted(this::run);
        useInotify(inotify);
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
        return start(settings, sink, Inotify::open);
    }

    /** {@link #start} with the way inotify is opened injected (tests of recovery). */
    static SourceWatcher start(WatchSettings settings, ChangeSink sink, InotifyOpener opener) throws IOException {
        return start(settings, sink, opener, WatchBudget::measure);
    }

    /**
     * {@link #start} with the budget check injected as well: a test can make the estimate miss a
     * limit the kernel then enforces, as it does when other processes take watches meanwhile.
     */
    static SourceWatcher start(WatchSettings settings, ChangeSink sink, InotifyOpener opener,
            IntFunction<WatchBudget> budgetCheck) throws IOException {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(sink);
        Inotify inotify = opener.open();
        SourceWatcher watcher = new SourceWatcher(settings, sink, opener, inotify);
        try {
            watcher.initialWalk(budgetCheck);
        } catch (IOException | RuntimeException e) {
            inotify.close();
            throw e;
        }
        watcher.publishStatus();
        watcher.reader.start();
        return watcher;
    }

    /** A new walker and translator on {@code fresh}; the event count carries over. */
    private void useInotify(Inotify fresh) {
        if (translator != null) {
            eventsReadEarlier += translator.eventsRead();
        }
        inotify = fresh;
        walker = new Walker(fresh, rootBytes, settings.excludes(), settings.maxWatches());
        translator = new EventTranslator(new WatchTree(), walker, settings.excludes(), settings.logEvents());
    }

    private void initialWalk(IntFunction<WatchBudget> budgetCheck) throws IOException {
        long started = System.nanoTime();
        if (!Files.isDirectory(settings.root())) {
            throw new IOException("source " + settings.root() + (Files.exists(settings.root())
                    ? " is not a directory; point the source at a directory"
                    : " does not exist; create it or correct the source path"));
        }
        WatchBudget budget = budgetCheck.apply(settings.maxWatches());
        WatchTree tree = translator.tree();
        Walker.Result result;
        try {
            // taken before the walk: if the path is replaced during it, the first check sees it
            rootIdentity = RootIdentity.of(settings.root());
            result = walker.walk(tree, tree.root(), budget.available());
        } catch (NoSuchFileException e) {
            throw new IOException("source " + settings.root() + " does not exist; create it or correct the source path");
        } catch (NotDirectoryException e) {
            throw new IOException("source " + settings.root() + " is not a directory; point the source at a directory");
        } catch (AccessDeniedException e) {
            throw new IOException("source " + settings.root() + " cannot be read (permission denied); run as a user who can read it");
        }
        long needed = (long) result.watched() + result.unwatched();
        if (needed > budget.available()) {
            // the budget itself says the tree cannot fit: refuse rather than watch part of it
            throw new IOException(budget.shortfall(settings.root(), needed));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (result.unwatched() > 0) {
            // the budget said it fits, but the kernel said ENOSPC (another process took watches
            // meanwhile, or a lower limit in this user namespace) or a path was too long to watch:
            // run on what is watched
            String why = result.kernelLimitHit()
                    ? "the kernel refused more watches (ENOSPC) although " + budget.available() + " looked available"
                    : "some could not be watched (see the warnings above)";
            LOG.warn("watching {}: {} of {} directories watched in {} ms; {}; {} unwatched parts are compared in full "
                    + "every {}", settings.root(), result.watched(), needed, millis, why,
                    translator.tree().unwatchedNodes().size(), settings.unwatchedRescanInterval());
        } else {
            LOG.info("watching {}: {} directories in {} ms ({} watches were available)", settings.root(),
                    result.watched(), millis, budget.available());
        }
        LOG.debug("the walk read {} directories; the others have no subdirectory, as their link count says",
                result.listed());
        long now = System.nanoTime();
        nextUnwatchedRescanNanos = now + settings.unwatchedRescanInterval().toNanos();
        nextRootCheckNanos = now + settings.rootRetryInterval().toNanos();
        lastRecoveryNanos = now - settings.rootRetryInterval().toNanos();
    }

    /** A snapshot of the watcher's state; callable from any thread. */
    public WatchStatus status() {
        return published;
    }

    /** Stops the reader thread promptly and closes the inotify instance. Idempotent. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(reader); // in case it waits to reopen inotify
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
                try {
                    if (state == WatchStatus.RootState.RECOVERING) {
                        awaitReopenTime();
                        if (!closing) {
                            reopen();
                        }
                        continue;
                    }
                    inotify.awaitEvents(translator::onEvent, timeoutMillis());
                    if (closing) {
                        break;
                    }
                    afterRead();
                } catch (IOException | RuntimeException e) {
                    if (closing) {
                        break;
                    }
                    readerFailed(e);
                }
            }
        } finally {
            inotify.close();
        }
    }

    private void afterRead() throws IOException {
        long now = System.nanoTime();
        if (state == WatchStatus.RootState.WATCHING && now - nextRootCheckNanos >= 0) {
            nextRootCheckNanos = now + settings.rootRetryInterval().toNanos();
            checkRootIdentity();
        }
        translator.expireDueMoves();
        String lost = translator.takeRootLost();
        if (lost != null) {
            loseRoot(lost);
        }
        if (translator.takeOverflow() && state == WatchStatus.RootState.WATCHING) {
            overflows++;
            translator.expireAllMoves("rescanning everything");
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
        long next = nextRootCheckNanos;
        if (state == WatchStatus.RootState.WATCHING && translator.tree().hasUnwatched()
                && nextUnwatchedRescanNanos - next < 0) {
            next = nextUnwatchedRescanNanos;
        }
        if (translator.hasPendingMoves() && translator.nextMoveExpiryNanos() - next < 0) {
            next = translator.nextMoveExpiryNanos();
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1);
    }

    /**
     * Compares what the root path names now with the directory that was walked (one stat). A
     * file system mounted on the root, or a link at the root pointed elsewhere, gives no inotify
     * event: this is how it is noticed.
     */
    private void checkRootIdentity() throws IOException {
        RootIdentity now;
        try {
            now = RootIdentity.of(settings.root());
        } catch (NoSuchFileException | NotDirectoryException e) {
            now = null;
        } catch (IOException e) {
            LOG.debug("cannot check source {}: {}", settings.root(), e.getMessage());
            return;
        }
        if (rootIdentity == null || Objects.equals(now, rootIdentity)) {
            return;
        }
        // IN_DELETE_SELF, IN_MOVE_SELF and IN_UNMOUNT are queued by the syscall that caused them:
        // read what is queued first, so a root that went that way is reported as such
        inotify.awaitEvents(translator::onEvent, 0);
        String lost = translator.takeRootLost();
        if (lost != null || now == null) {
            // no event for a link at the root that was removed: its target never changed
            loseRoot(lost != null ? lost : "it is no longer there");
            return;
        }
        LOG.warn("source {} was replaced: the path now names another directory ({}, was {}; a file system "
                + "was mounted on it, or a link or directory swapped); watching the new one and rescanning everything",
                settings.root(), now, rootIdentity);
        dropTree();
        if (walkRoot()) {
            translator.batch().add(new Change.Rescan(RelativePath.ROOT,
                    "source root was replaced (a file system mounted on it, or another directory put in its place)"));
        } else {
            loseRoot("it was replaced by something that cannot be watched");
        }
    }

    /** Removes every watch and starts over with an empty tree. */
    private void dropTree() {
        WatchTree tree = translator.tree();
        for (int wd : tree.removeSubtreeKeeping(tree.root())) {
            walker.removeQuietly(wd);
        }
        translator.replaceTree(new WatchTree());
    }

    /**
     * Walks the root into the (empty) tree, remembering its identity first; false, with nothing
     * watched, when the root is missing, not a directory or unreadable.
     */
    private boolean walkRoot() throws IOException {
        WatchTree tree = translator.tree();
        try {
            rootIdentity = RootIdentity.of(settings.root());
            walker.walk(tree, tree.root(), Long.MAX_VALUE);
        } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
            LOG.debug("source {} cannot be watched: {}", settings.root(), e.getMessage());
            dropTree();
            return false;
        }
        long now = System.nanoTime();
        nextRootCheckNanos = now + settings.rootRetryInterval().toNanos();
        nextUnwatchedRescanNanos = now + settings.unwatchedRescanInterval().toNanos();
        footprintWatched = -1; // a new tree: estimate it again
        return true;
    }

    private void loseRoot(String why) {
        String message = "source " + settings.root() + " is gone (" + why + "); watching resumes when it is back";
        LOG.error(message);
        state = WatchStatus.RootState.ROOT_MISSING;
        problem = message;
        dropTree();
        nextRootCheckNanos = System.nanoTime() + settings.rootRetryInterval().toNanos();
    }

    private void lookForRoot() throws IOException {
        if (!walkRoot()) {
            return;
        }
        LOG.info("source {} is back: watching {} directories", settings.root(), translator.tree().watchedCount());
        state = WatchStatus.RootState.WATCHING;
        problem = null;
        translator.batch().add(new Change.Rescan(RelativePath.ROOT, "source root is back"));
    }

    /**
     * Reading events failed in a way nothing above handles (a failed poll or read, a malformed
     * buffer, a bug): watching must not end quietly, so inotify is closed and reopened.
     */
    private void readerFailed(Exception e) {
        String why = describe(e);
        LOG.error("watching {} failed: {}; reopening inotify and rescanning everything", settings.root(), why);
        inotify.close();
        // the watches died with the instance; the changes not yet delivered are covered by the
        // Rescan reported once it is open again
        translator.replaceTree(new WatchTree());
        translator.batch().drain();
        footprintWatched = -1;
        state = WatchStatus.RootState.RECOVERING;
        problem = "watching failed (" + why + "); reopening inotify";
        long now = System.nanoTime();
        // at once, unless it failed again right after recovering: then wait, never spin
        boolean recentlyRecovered = now - lastRecoveryNanos < settings.rootRetryInterval().toNanos();
        nextReopenNanos = recentlyRecovered ? now + settings.rootRetryInterval().toNanos() : now;
        reopenFailures = 0;
        publishStatus();
    }

    private void awaitReopenTime() {
        while (!closing) {
            long left = nextReopenNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left); // close() unparks
        }
    }

    private void reopen() throws IOException {
        long now = System.nanoTime();
        nextReopenNanos = now + settings.rootRetryInterval().toNanos();
        Inotify fresh;
        try {
            fresh = opener.open();
        } catch (IOException | RuntimeException e) {
            problem = "watching failed and inotify cannot be reopened: " + describe(e) + "; retrying every "
                    + settings.rootRetryInterval();
            if (reopenFailures++ == 0) {
                LOG.error("{}: {}", settings.root(), problem); // once, not on every retry
            }
            publishStatus();
            return;
        }
        useInotify(fresh);
        if (closing) {
            return; // close() may have woken the old instance: the run loop ends and closes this one
        }
        lastRecoveryNanos = now;
        if (walkRoot()) {
            LOG.info("watching {} again after the failure: {} directories", settings.root(),
                    translator.tree().watchedCount());
            state = WatchStatus.RootState.WATCHING;
            problem = null;
            translator.batch().add(new Change.Rescan(RelativePath.ROOT,
                    "the watcher recovered from a failure; changes meanwhile may not have been seen"));
        } else {
            state = WatchStatus.RootState.ROOT_MISSING;
            problem = "source " + settings.root() + " is gone; watching resumes when it is back";
            LOG.error(problem);
            nextRootCheckNanos = now + settings.rootRetryInterval().toNanos();
        }
        deliver();
        publishStatus();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void rescanUnwatched() throws IOException {
        WatchTree tree = translator.tree();
        List<String> rescanned = new ArrayList<>();
        int watchedAgain = 0;
        for (Node node : tree.unwatchedNodes()) {
            if (!tree.isAttached(node)) {
                continue;
            }
            RelativePath path = tree.pathOf(node);
            Walker.Result result = walker.walk(tree, node, Long.MAX_VALUE);
            String reason;
            if (result.unwatched() == 0) {
                watchedAgain++;
                reason = "watched again after the inotify watch limit was reached";
            } else {
                reason = "not watched (inotify watch limit, or a path too long to watch); compared in full every "
                        + settings.unwatchedRescanInterval();
            }
            translator.batch().add(new Change.Rescan(path, reason));
            rescanned.add(path.isRoot() ? "/" : path.toString());
        }
        if (!rescanned.isEmpty()) {
            LOG.info("rescanned {} unwatched part(s) of {} (inotify watch limit): {}{}", rescanned.size(),
                    settings.root(), listed(rescanned, 10),
                    watchedAgain == 0 ? "" : "; " + watchedAgain + " of them watched again");
        }
    }

    /** The first {@code most} items, then "and N more". */
    private static String listed(List<String> items, int most) {
        if (items.size() <= most) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, most)) + " and " + (items.size() - most) + " more";
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
        long now = System.nanoTime();
        int watched = tree.watchedCount();
        // the estimate walks the tree: after a walk, then when the tree grew or shrank, at most once a minute
        if (footprintWatched < 0
                || (watched != footprintWatched && now - footprintAtNanos >= FOOTPRINT_REFRESH_NANOS)) {
            bytesPerDirectory = TreeFootprint.bytesPerDirectory(tree);
            footprintWatched = watched;
            footprintAtNanos = now;
        }
        List<RelativePath> unwatched = tree.unwatchedPaths();
        Optional<Instant> nextRescan = state == WatchStatus.RootState.WATCHING && !unwatched.isEmpty()
                ? Optional.of(Instant.now().plusNanos(nextUnwatchedRescanNanos - now))
                : Optional.empty();
        published = new WatchStatus(settings.root(), state, Optional.ofNullable(problem), watched, unwatched,
                eventsReadEarlier + translator.eventsRead(), overflows, bytesPerDirectory, nextRescan);
    }
}
