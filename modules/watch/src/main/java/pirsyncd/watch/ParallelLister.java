package pirsyncd.watch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lists directories on a few threads for one big walk, while the walking thread adds the watches
 * and keeps the tree. The walker hands over only directories it has already watched, so the
 * "watched before listed" rule holds; listers read nothing but the absolute path of each item.
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
     * One listed directory: its subdirectories, or why it could not be listed.
     *
     * @param failure null, or what listing threw (a vanished directory is ordinary; anything else
     *     is rethrown by the walker)
     */
    record Listed(Walker.Item item, Listing.Subdirectories found, Exception failure) {}

    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<List<Walker.Item>> toList = new LinkedBlockingQueue<>();
    private final BlockingQueue<List<Listed>> done = new LinkedBlockingQueue<>();
    private List<Walker.Item> batch = new ArrayList<>(BATCH);
    // batches handed to the listers and not yet taken back
    private int outstanding;

    private final LeafRule leafRule;

    ParallelLister(int threadCount, LeafRule leafRule) {
        this.leafRule = leafRule;
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

    private static List<Listed> listAll(Listing listing, List<Walker.Item> items) {
        List<Listed> listed = new ArrayList<>(items.size());
        for (Walker.Item item : items) {
            try {
                listed.add(new Listed(item, listing.subdirectories(item.absolute()), null));
            } catch (IOException | RuntimeException e) {
                listed.add(new Listed(item, null, e));
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
     * Stops the threads: each closes its listing when it next waits for a batch; a batch being
     * listed finishes and is dropped (the walk has ended or failed).
     */
    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
