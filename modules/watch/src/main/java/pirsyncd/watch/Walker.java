package pirsyncd.watch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayDeque;
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
 */
final class Walker {
    private static final TaggedLogger LOG = Logger.tag("watch");

    /** What every directory is watched for; see {@link InotifyMask#DEFAULT_WATCH_MASK}. */
    static final int MASK = InotifyMask.DEFAULT_WATCH_MASK;

    private final Inotify inotify;
    private final byte[] rootBytes;
    private final ExcludeRules excludes;
    private final int maxWatches;

    Walker(Inotify inotify, byte[] rootBytes, ExcludeRules excludes, int maxWatches) {
        this.inotify = inotify;
        this.rootBytes = rootBytes;
        this.excludes = excludes;
        this.maxWatches = maxWatches;
    }

    /** What a walk found. */
    record Result(int watched, int unwatched, boolean kernelLimitHit) {}

    /**
     * Watches {@code start} and every directory below it that is not excluded.
     *
     * @param budget how many watches this walk may add at most; directories beyond it are
     *     recorded as unwatched, and still listed (but not watched) so the count of what is
     *     needed is exact
     * @throws IOException only if {@code start} is the root and cannot be watched at all
     */
    Result walk(WatchTree tree, Node start, long budget) throws IOException {
        int watched = 0;
        int unwatched = 0;
        boolean kernelLimitHit = false;
        // absolute paths travel with the nodes so that no path is rebuilt from the tree per directory
        Deque<Node> pending = new ArrayDeque<>();
        Deque<byte[]> absolutes = new ArrayDeque<>();
        pending.push(start);
        absolutes.push(tree.absolutePath(rootBytes, start));
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            byte[] absolute = absolutes.pop();
            boolean mayWatch = !kernelLimitHit && watched < budget
                    && (maxWatches == 0 || tree.watchedCount() < maxWatches);
            if (mayWatch) {
                try {
                    tree.watched(node, inotify.addWatch(absolute, node == tree.root() ? rootMask() : MASK));
                    watched++;
                } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
                    if (node == tree.root()) {
                        throw e;
                    }
                    vanished(tree, node, e);
                    continue;
                } catch (NativeException e) {
                    if (e.errno() != Errno.ENOSPC) {
                        throw e;
                    }
                    LOG.warn("inotify watch limit reached at {}: {}; the rest is covered by periodic rescans",
                            tree.pathOf(node), e.hint());
                    kernelLimitHit = true;
                    mayWatch = false;
                }
            }
            if (!mayWatch) {
                // an unwatched subtree is one rescan scope; what is below it is only counted
                tree.markUnwatched(node);
                unwatched += 1 + countBelow(tree, node);
                continue;
            }
            List<byte[]> names;
            try {
                names = Listing.subdirectories(absolute);
            } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException e) {
                if (node == tree.root()) {
                    throw e;
                }
                vanished(tree, node, e);
                continue;
            }
            RelativePath path = excludes.isEmpty() ? null : tree.pathOf(node);
            for (byte[] name : names) {
                if (path != null && excludes.excludesEntry(path.resolve(name), EntryKind.DIRECTORY)) {
                    continue;
                }
                pending.push(node.addChild(new Node.Name(name)));
                absolutes.push(child(absolute, name));
            }
        }
        return new Result(watched, unwatched, kernelLimitHit);
    }

    /** The root is watched following a link at the top (a configured root may be a link), never below. */
    private static int rootMask() {
        return MASK & ~InotifyMask.IN_DONT_FOLLOW;
    }

    private void vanished(WatchTree tree, Node node, IOException e) {
        if (e instanceof AccessDeniedException) {
            // rsync, running as the same user, cannot read it either; say so rather than skip quietly
            LOG.warn("cannot watch {}: permission denied; its changes are not seen", tree.pathOf(node));
        } else {
            LOG.debug("not watching {}: {}", tree.pathOf(node), e.getMessage());
        }
        for (int wd : tree.removeSubtree(node)) {
            removeQuietly(wd);
        }
    }

    /** Counts the directories below an unwatched one, without watching or keeping them. */
    private int countBelow(WatchTree tree, Node node) {
        int count = 0;
        Deque<byte[]> pending = new ArrayDeque<>();
        pending.push(tree.absolutePath(rootBytes, node));
        RelativePath base = excludes.isEmpty() ? null : tree.pathOf(node);
        Deque<RelativePath> paths = new ArrayDeque<>();
        paths.push(base == null ? RelativePath.ROOT : base);
        while (!pending.isEmpty()) {
            byte[] absolute = pending.pop();
            RelativePath path = paths.pop();
            try {
                for (byte[] name : Listing.subdirectories(absolute)) {
                    if (base != null && excludes.excludesEntry(path.resolve(name), EntryKind.DIRECTORY)) {
                        continue;
                    }
                    count++;
                    pending.push(child(absolute, name));
                    paths.push(base == null ? RelativePath.ROOT : path.resolve(name));
                }
            } catch (IOException e) {
                // vanished or unreadable meanwhile: nothing below it to count
            }
        }
        return count;
    }

    private static byte[] child(byte[] absolute, byte[] name) {
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
