package pirsyncd.watch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import pirsyncd.model.RelativePath;

/**
 * Lists directories and watches the subdirectories they hold, on a few threads, for one big
 * walk; the walking thread keeps the tree and hands back each watched subdirectory to be listed
 * in turn. The walker hands over only directories already watched, and a subdirectory is watched
 * here before it goes back, so the "watched before listed" rule holds.
 *
 * <p>Both halves are syscalls the kernel runs side by side ({@code inotify_add_watch} on one
 * instance scales to two threads: measured in C on 100,000 directories, 0.45 s on one thread),
 * so they run where the cores are; the walking thread only records. What a lister may do is
 * decided by the walk's {@link SubdirectoryWatcher}: excludes, the watch budget and limits.
 *
 * <p>Directories go out and come back in batches of {@link #BATCH}: a thread wakes once per
 * batch, not once per directory, which on a busy machine costs more than the listing itself.
 * Each thread owns a {@link Listing} (its native buffers are reused for every directory it
 * lists) and closes it when the walk closes this.
 *
 * <p>Used by one walking thread; the listers only see the batches handed to them.
 */
final class ParallelLister implements AutoCloseable {
    /** Directories per hand-over. */
    static final int BATCH = 64;

    /**
     * Watches one subdirectory a lister found, on the lister's thread: must be safe to call from
     * several threads at once.
     */
    @FunctionalInterface
    interface SubdirectoryWatcher {
        /** What became of {@code name} below {@code parent}; null if it is excluded. */
        Found watch(Walker.Item parent, byte[] name);
    }

    /**
     * One subdirectory a lister found, and what became of it.
     *
     * @param path its path below the root, only when there are excludes to check (else null)
     */
    @SuppressWarnings("ArrayRecordComponent") // raw bytes owned by the walk; never compared
    record Found(byte[] name, byte[] absolute, RelativePath path, Outcome outcome) {}

    /** What became of a subdirectory a lister found. */
    sealed interface Outcome permits Watched, NotWatched, OverLimit {}

    /** Watched, with descriptor {@code wd}. */
    record Watched(int wd) implements Outcome {}

    /** Not watched: {@code why} is what {@code inotify_add_watch} threw. */
    record NotWatched(IOException why) implements Outcome {}

    /** The limits of a walk that leave a directory unwatched without trying. */
    enum Limit {
        /** the walk's budget of watches (what the budget check found available) */
        BUDGET,
        /** the maxWatches setting */
        MAX_WATCHES,
        /** the kernel refused an earlier watch of this walk (ENOSPC) */
        KERNEL
    }

    /** Not tried: {@code limit} left it unwatched. */
    record OverLimit(Limit limit) implements Outcome {}

    /**
     * One listed directory: what became of its subdirectories, or why it could not be listed.
     *
     * @param read whether it was read (false: its link count said it has no subdirectory)
     * @param failure null, or what listing threw (a vanished directory is ordinary; anything else
     *     is rethrown by the walker)
     */
    record Listed(Walker.Item item, boolean read, List<Found> found, Exception failure) {}

    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<List<Walker.Item>> toList = new LinkedBlockingQueue<>();
    private final BlockingQueue<List<Listed>> done = new LinkedBlockingQueue<>();
    private final LeafRule leafRule;
    private final SubdirectoryWatcher watcher;
    // set by close(): a lister stops between directories, so no watch is added after the walk
    // has ended or failed (its watches would never be recorded)
    private volatile boolean closed;
    private List<Walker.Item> batch = new ArrayList<>(BATCH);
    // batches handed to the listers and not yet taken back
    private int outstanding;

    ParallelLister(int threadCount, LeafRule leafRule, SubdirectoryWatcher watcher) {
        this.leafRule = leafRule;
        this.watcher = watcher;
        Thread.Builder builder = Thread.ofPlatform().name("watch lister ", 1).daemon();
        for (int i = 0; i < threadCount; i++) {
            threads.add(builder.start(this::listUntilClosed));
        }
    }

    /** Queues a watched directory to be listed; hands the batch over when it is full. */
    void add(Walker.Item item) {
        batch.add(item);
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    /** Hands over what is queued. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        toList.add(batch);
        batch = new ArrayList<>(BATCH);
        outstanding++;
    }

    /** True while a handed-over batch has not been taken back. */
    boolean hasOutstanding() {
        return outstanding > 0;
    }

    /**
     * Waits for at least one listed batch and returns every batch ready now.
     *
     * @throws IOException if a listing thread died (it would never hand its batch back)
     */
    List<Listed> take() throws IOException {
        List<List<Listed>> ready = new ArrayList<>();
        try {
            List<Listed> first;
            while ((first = done.poll(1, TimeUnit.SECONDS)) == null) {
                for (Thread thread : threads) {
                    if (!thread.isAlive()) {
                        throw new IOException("a directory listing thread stopped unexpectedly (see the log); walk abandoned");
                    }
                }
            }
            ready.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while walking the source tree");
        }
        done.drainTo(ready);
        outstanding -= ready.size();
        List<Listed> all = new ArrayList<>();
        ready.forEach(all::addAll);
        return all;
    }

    /** A listing thread: lists batches with its own reusable buffers until the walk closes this. */
    private void listUntilClosed() {
        try (Listing listing = new Listing(leafRule)) {
            while (true) {
                done.add(listAll(listing, toList.take()));
            }
        } catch (InterruptedException e) {
            // closed: the walk has ended or failed
        }
    }

    private List<Listed> listAll(Listing listing, List<Walker.Item> items) {
        List<Listed> listed = new ArrayList<>(items.size());
        for (Walker.Item item : items) {
            if (closed) {
                break; // the walk is over: nobody takes this batch back
            }
            try {
                Listing.Subdirectories subdirectories = listing.subdirectories(item.absolute());
                List<Found> found = new ArrayList<>(subdirectories.names().size());
                for (byte[] name : subdirectories.names()) {
                    Found one = watcher.watch(item, name);
                    if (one != null) {
                        found.add(one);
                    }
                }
                listed.add(new Listed(item, subdirectories.listed(), found, null));
            } catch (IOException | RuntimeException e) {
                listed.add(new Listed(item, false, List.of(), e));
            }
        }
        return listed;
    }

    /** A lister's failure, to be thrown on the walking thread as what it was. */
    static IOException rethrow(Exception failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return (IOException) failure;
    }

    /**
     * Stops the threads and waits for them: a lister stops at the next directory of the batch it
     * is on (that batch is dropped: the walk has ended or failed) and closes its listing. Waits
     * at most {@link #STOP_WAIT_MILLIS} for each, in case a syscall hangs (a dead NFS server).
     */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long {@link #close()} waits for each listing thread. */
    static final long STOP_WAIT_MILLIS = 5_000;
}
