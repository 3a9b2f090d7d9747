package pirsyncd.watch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;
import pirsyncd.inotify.Errno;
import pirsyncd.inotify.Inotify;
import pirsyncd.inotify.InotifyMask;
import pirsyncd.inotify.NativeException;
import pirsyncd.model.EntryKind;
import pirsyncd.model.ExcludeRules;
import pirsyncd.model.RelativePath;

/**
 * Adds one watch per directory to a subtree, top down, and records it in a {@link WatchTree}.
 *
 * <p>Each directory is watched <em>before</em> it is listed: whatever appears in it after the
 * listing raises an event, and whatever appeared before is in the listing, so nothing created
 * during the walk is missed (the classic {@code mkdir -p a/b/c} race). Excluded directories are
 * neither watched nor entered; symbolic links are never followed (IN_DONT_FOLLOW, and the listing
 * skips links). A directory that vanishes mid-walk is simply dropped: its parent's IN_DELETE
 * reports it.
 *
 * <p>A walk is syscalls: per directory an {@code inotify_add_watch} and a listing (openat,
 * getdents64, close), or, where the file system's link counts can be trusted ({@link LeafRule}),
 * one {@code statx} for a directory without subdirectories. So after {@link #SEQUENTIAL_LIMIT}
 * directories a big walk hands them to {@link ParallelLister} threads, which list each watched
 * directory and watch the subdirectories they find, within permits that keep them together
 * inside the walk's budget; the calling thread only records what comes back in the tree and
 * hands each new directory out to be listed. The tree stays with the calling thread.
 */
final class Walker {
    private static final TaggedLogger LOG = Logger.tag("watch");

    /** What every directory is watched for; see {@link InotifyMask#DEFAULT_WATCH_MASK}. */
    static final int MASK = InotifyMask.DEFAULT_WATCH_MASK;

    /** Directories a walk lists itself before handing listing to threads: small walks never start one. */
    static final int SEQUENTIAL_LIMIT = 256;

    private final Inotify inotify;
    private final byte[] rootBytes;
    // the root as "ROOT/.": the listing opens with O_NOFOLLOW, and a configured root may be a link
    private final byte[] rootForListing;
    private final ExcludeRules excludes;
    private final int maxWatches;
    private final int listingThreads;
    // true once a limit left a directory unwatched, until a walk fits again: one warning, not one per directory
    private boolean limitWarned;
    // the root's leaf rule (statfs and statx of the root), found again by every walk from the root
    // (the root may have been replaced) and reused by the walks of new directories below it, one per
    // mkdir on the event path; volatile because the reader thread takes the walker over after start
    private volatile LeafRule leafRule;

    Walker(Inotify inotify, byte[] rootBytes, ExcludeRules excludes, int maxWatches) {
        this(inotify, rootBytes, excludes, maxWatches, defaultListingThreads());
    }

    /** With the number of listing threads for big walks given; 0 lists on the calling thread only. */
    Walker(Inotify inotify, byte[] rootBytes, ExcludeRules excludes, int maxWatches, int listingThreads) {
        this.inotify = inotify;
        this.rootBytes = rootBytes;
        this.rootForListing = join(rootBytes, new byte[] {'.'});
        this.excludes = excludes;
        this.maxWatches = maxWatches;
        this.listingThreads = listingThreads;
    }

    /**
     * One lister per core, at least 1 and at most 4: listers now do the syscalls (watching and
     * listing), the walking thread only records, so with fewer listers than cores the kernel's
     * work queues on them (measured on 2 cores, 100,000 directories: 1.1 s with one lister,
     * 0.82 s with two, no better with three).
     */
    static int defaultListingThreads() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
    }

    /**
     * What a walk found.
     *
     * @param listed how many directories were read to find their subdirectories; the others
     *     watched were known from their link count to have none ({@link LeafRule})
     */
    record Result(int watched, int unwatched, boolean kernelLimitHit, int listed) {}

    /**
     * A directory to watch and then list, with its paths, so that no path is rebuilt from the
     * tree per directory.
     *
     * @param absolute the absolute path as raw bytes, for the syscalls
     * @param path the path below the root, only when there are excludes to check (else null)
     */
    @SuppressWarnings("ArrayRecordComponent") // raw bytes owned by the walk; never compared
    record Item(Node node, byte[] absolute, RelativePath path) {}

    /**
     * Watches {@code start} and every directory below it that is not excluded.
     *
     * @param budget how many watches this walk may add at most; directories beyond it are
     *     recorded as unwatched, and still listed (but not watched) so the count of what is
     *     needed is exact
     * @throws IOException only if {@code start} is the root and cannot be watched at all, or on
     *     an error that is not about one directory (EMFILE, ENOMEM...)
     */
    Result walk(WatchTree tree, Node start, long budget) throws IOException {
        Walk walk;
        LeafRule known = leafRule;
        try (Listing listing = start == tree.root() || known == null ? Listing.forWalkBelow(rootForListing) : new Listing(known)) {
            leafRule = listing.leafRule();
            walk = new Walk(tree, budget, listing);
            walk.run(new Item(start, tree.absolutePath(rootBytes, start), excludes.isEmpty() ? null : tree.pathOf(start)));
        }
        if (walk.unwatched == 0 && walk.watched > 0) {
            limitWarned = false; // everything it met fits again: the next time the limit is hit, say so
        }
        return new Result(walk.watched, walk.unwatched, walk.kernelLimitHit, walk.listed);
    }

    /** One walk's progress. */
    private final class Walk {
        private final WatchTree tree;
        private final long budget;
        // the walking thread's own; listing threads have theirs
        private final Listing listing;
        int watched;
        int unwatched;
        boolean kernelLimitHit;
        int listed;
        // shared with the listers once the walk goes parallel; null before
        private WatchPermits permits;

        Walk(WatchTree tree, long budget, Listing listing) {
            this.tree = tree;
            this.budget = budget;
            this.listing = listing;
        }

        void run(Item start) throws IOException {
            Deque<Item> pending = new ArrayDeque<>();
            pending.push(start);
            int looked = 0;
            while (!pending.isEmpty()) {
                if (listingThreads > 0 && looked >= SEQUENTIAL_LIMIT) {
                    runInParallel(pending);
                    return;
                }
                Item item = pending.pop();
                if (!watch(item)) {
                    continue;
                }
                Listing.Subdirectories found;
                try {
                    found = listing.subdirectories(item.node() == tree.root() ? rootForListing : item.absolute());
                } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
                    listingFailed(item, e);
                    continue;
                }
                looked++;
                if (found.listed()) {
                    listed++;
                }
                for (byte[] name : found.names()) {
                    Item child = child(item, name);
                    if (child != null) {
                        pending.push(child);
                    }
                }
            }
        }

        /**
         * The rest of a big walk: listers list what is watched and watch what they find; this
         * thread records it in the tree and hands each watched directory back to be listed.
         */
        private void runInParallel(Deque<Item> toWatch) throws IOException {
            List<Item> toList = new ArrayList<>();
            while (!toWatch.isEmpty()) {
                Item item = toWatch.pop();
                if (watch(item)) {
                    toList.add(item);
                }
            }
            // from here on only listers add watches, each taking a permit of both kinds first
            permits = new WatchPermits(budget - watched, capLeft(), kernelLimitHit);
            try (ParallelLister lister = new ParallelLister(listingThreads, listing.leafRule(), this::watchFromLister)) {
                toList.forEach(lister::add);
                lister.flush();
                while (lister.hasOutstanding()) {
                    for (ParallelLister.Listed done : lister.take()) {
                        if (done.failure() != null) {
                            if (isGone(done.failure())) {
                                listingFailed(done.item(), (IOException) done.failure());
                                continue;
                            }
                            throw ParallelLister.rethrow(done.failure());
                        }
                        if (done.read()) {
                            listed++;
                        }
                        for (ParallelLister.Found found : done.found()) {
                            Item child = new Item(done.item().node().addChild(new Node.Name(found.name())), found.absolute(),
                                    found.path());
                            switch (found.outcome()) {
                                case ParallelLister.Watched w -> {
                                    tree.watched(child.node(), w.wd());
                                    watched++;
                                    lister.add(child); // watched first, listed after: the invariant
                                }
                                case ParallelLister.OverLimit o -> {
                                    if (o.limit() == ParallelLister.Limit.MAX_WATCHES && !kernelLimitHit) {
                                        warnLimit(tree, child.node(), "the maxWatches setting (" + maxWatches + ") is reached");
                                    }
                                    overLimit(child.node());
                                }
                                case ParallelLister.NotWatched n -> refused(child.node(), n.why());
                            }
                        }
                    }
                    lister.flush();
                }
            }
        }

        /**
         * Watches a subdirectory a lister found, on that lister's thread: reads only what does
         * not change during the walk, and the permits, which keep the listers together within
         * the budget and the maxWatches setting.
         */
        private ParallelLister.Found watchFromLister(Item parent, byte[] name) {
            RelativePath path = pathBelow(parent, name);
            if (excluded(path)) {
                return null;
            }
            byte[] absolute = join(parent.absolute(), name);
            return new ParallelLister.Found(name, absolute, path, watchWithPermit(absolute));
        }

        private ParallelLister.Outcome watchWithPermit(byte[] absolute) {
            ParallelLister.Limit limit = permits.take();
            if (limit != null) {
                return new ParallelLister.OverLimit(limit);
            }
            try {
                return new ParallelLister.Watched(inotify.addWatch(absolute, MASK));
            } catch (IOException e) {
                if (e instanceof NativeException n && n.errno() == Errno.ENOSPC) {
                    permits.kernelRefused();
                } else {
                    permits.giveBack(); // not used: it vanished, or its path is too long
                }
                return new ParallelLister.NotWatched(e);
            }
        }

        /** How many more watches the maxWatches setting allows (the tree may hold other walks' too). */
        private long capLeft() {
            return maxWatches == 0 ? Long.MAX_VALUE : maxWatches - tree.watchedCount();
        }

        /** The item for a subdirectory, added to the tree; null if it is excluded. */
        private Item child(Item parent, byte[] name) {
            RelativePath path = pathBelow(parent, name);
            if (excluded(path)) {
                return null;
            }
            return new Item(parent.node().addChild(new Node.Name(name)), join(parent.absolute(), name), path);
        }

        /**
         * Watches the item's directory; false if it is not to be listed: it vanished, or a limit
         * left it unwatched (then only what is below it is counted).
         */
        private boolean watch(Item item) throws IOException {
            Node node = item.node();
            boolean capReached = maxWatches != 0 && tree.watchedCount() >= maxWatches;
            boolean mayWatch = !kernelLimitHit && watched < budget && !capReached;
            if (capReached && !kernelLimitHit && watched < budget) {
                warnLimit(tree, node, "the maxWatches setting (" + maxWatches + ") is reached");
            }
            if (!mayWatch) {
                overLimit(node);
                return false;
            }
            try {
                tree.watched(node, inotify.addWatch(item.absolute(), node == tree.root() ? rootMask() : MASK));
                watched++;
                return true;
            } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
                if (node == tree.root()) {
                    throw e;
                }
                refused(node, e);
                return false;
            } catch (NativeException e) {
                if (node == tree.root() && e.errno() != Errno.ENOSPC) {
                    throw e;
                }
                refused(node, e);
                return false;
            }
        }

        /**
         * A directory {@code inotify_add_watch} refused: gone (or unreadable) meanwhile, a path
         * too long, or the kernel's limit; anything else is thrown.
         */
        private void refused(Node node, IOException e) throws IOException {
            if (isGone(e)) {
                gone(node, e);
                return;
            }
            if (!(e instanceof NativeException nativeFailure)) {
                throw e;
            }
            if (nativeFailure.errno() == Errno.ENAMETOOLONG) {
                // inotify_add_watch takes a whole path (PATH_MAX); rsync, which works
                // relative to the source, can still copy it, so the periodic rescans cover it
                LOG.warn("cannot watch {}: its path is longer than the kernel accepts (4095 bytes); "
                        + "it and what is below it are covered by periodic rescans", tree.pathOf(node));
                tree.markUnwatched(node);
                unwatched++;
                return;
            }
            if (nativeFailure.errno() != Errno.ENOSPC) {
                throw e;
            }
            if (!kernelLimitHit) {
                warnLimit(tree, node, e.getMessage());
                kernelLimitHit = true;
            }
            overLimit(node);
        }

        /** A directory a limit leaves unwatched: one rescan scope; what is below it is only counted. */
        private void overLimit(Node node) {
            tree.markUnwatched(node);
            unwatched += 1 + countBelow(tree, node, listing);
        }

        private void listingFailed(Item item, IOException e) throws IOException {
            if (item.node() == tree.root()) {
                throw e;
            }
            gone(item.node(), e);
        }

        /**
         * A directory that vanished (or became unreadable) meanwhile, with what was watched below
         * it: the watches it frees make room under maxWatches again, as they do for a walk on one
         * thread, which counts the tree's watches afresh each time (the budget counts what this
         * walk added, so it stays spent).
         */
        private void gone(Node node, IOException e) {
            int removed = vanished(tree, node, e);
            if (permits != null) {
                permits.freedUnderCap(removed);
            }
        }
    }

    /** The path below the root of a subdirectory, when there are excludes to check it against (else null). */
    private static RelativePath pathBelow(Item parent, byte[] name) {
        return parent.path() == null ? null : parent.path().resolve(name);
    }

    /** Whether a subdirectory's path (null when there are no excludes) is excluded. */
    private boolean excluded(RelativePath path) {
        return path != null && excludes.excludesEntry(path, EntryKind.DIRECTORY);
    }

    /** A failure that says the directory is gone or unreadable, not that something is wrong. */
    private static boolean isGone(Exception e) {
        return e instanceof NoSuchFileException || e instanceof NotDirectoryException || e instanceof AccessDeniedException;
    }

    /**
     * Says once (until a later walk fits again) that the limit left directories unwatched; the
     * periodic rescans log what they cover at info level.
     */
    private void warnLimit(WatchTree tree, Node node, String why) {
        RelativePath path = tree.pathOf(node);
        if (limitWarned) {
            LOG.debug("not watching {}: {}", path, why);
            return;
        }
        limitWarned = true;
        LOG.warn("not watching {} and what is below it: {}; unwatched parts are covered by periodic rescans "
                + "(see status); raise the limit or exclude large directories", path.isRoot() ? "/" : path, why);
    }

    /** The root is watched following a link at the top (a configured root may be a link), never below. */
    private static int rootMask() {
        return MASK & ~InotifyMask.IN_DONT_FOLLOW;
    }

    /** Drops a vanished directory and its subtree from the tree; returns how many watches that removed. */
    private int vanished(WatchTree tree, Node node, IOException e) {
        if (e instanceof AccessDeniedException) {
            // rsync, running as the same user, cannot read it either; say so rather than skip quietly
            LOG.warn("cannot watch {}: permission denied; its changes are not seen", tree.pathOf(node));
        } else {
            LOG.debug("not watching {}: {}", tree.pathOf(node), e.getMessage());
        }
        int removed = 0;
        for (int wd : tree.removeSubtree(node)) {
            removeQuietly(wd);
            removed++;
        }
        return removed;
    }

    /** Counts the directories below an unwatched one, without watching or keeping them. */
    private int countBelow(WatchTree tree, Node node, Listing listing) {
        int count = 0;
        Deque<byte[]> pending = new ArrayDeque<>();
        pending.push(node == tree.root() ? rootForListing : tree.absolutePath(rootBytes, node));
        RelativePath base = excludes.isEmpty() ? null : tree.pathOf(node);
        Deque<RelativePath> paths = new ArrayDeque<>();
        paths.push(base == null ? RelativePath.ROOT : base);
        while (!pending.isEmpty()) {
            byte[] absolute = pending.pop();
            RelativePath path = paths.pop();
            try {
                for (byte[] name : listing.subdirectories(absolute).names()) {
                    if (base != null && excludes.excludesEntry(path.resolve(name), EntryKind.DIRECTORY)) {
                        continue;
                    }
                    count++;
                    pending.push(join(absolute, name));
                    paths.push(base == null ? RelativePath.ROOT : path.resolve(name));
                }
            } catch (IOException e) {
                // vanished or unreadable meanwhile: nothing below it to count
            }
        }
        return count;
    }

    private static byte[] join(byte[] absolute, byte[] name) {
        byte[] child = new byte[absolute.length + 1 + name.length];
        System.arraycopy(absolute, 0, child, 0, absolute.length);
        child[absolute.length] = '/';
        System.arraycopy(name, 0, child, absolute.length + 1, name.length);
        return child;
    }

    void removeQuietly(int wd) {
        try {
            inotify.removeWatch(wd);
        } catch (IOException e) {
            LOG.debug("inotify_rm_watch({}) failed: {}", wd, e.getMessage());
        }
    }
}
