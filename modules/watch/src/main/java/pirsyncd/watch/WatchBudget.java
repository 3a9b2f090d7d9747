package pirsyncd.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * How many inotify watches this watcher may still add: {@code fs.inotify.max_user_watches} minus
 * the watches every inotify instance of this user already holds, optionally capped by the
 * settings.
 *
 * <p>The kernel counts watches per user (inotify(7): "max_user_watches ... the number of watches
 * that can be created per real user ID"), and the only place to read that use is
 * {@code /proc/PID/fdinfo/FD}, which lists one {@code inotify wd:} line per watch for an inotify
 * descriptor. Processes of other users, and ones that exit or start meanwhile, make this an
 * estimate: the walk still handles ENOSPC if the kernel disagrees.
 *
 * <p>Since Linux 5.11 the limit is also kept per user namespace ({@code user.max_inotify_watches},
 * in {@code /proc/sys/user}); in a container with a user namespace of its own that is the lower,
 * binding one, and the global sysctl alone would promise watches the kernel then refuses. The lower
 * of the two is the limit, and the line that reports a shortfall names the one to raise.
 *
 * @param kernelLimit the lower of {@code fs.inotify.max_user_watches} and this namespace's
 *     {@code user.max_inotify_watches}
 * @param limitName the sysctl that holds {@code kernelLimit}
 * @param inUse watches held by this user's inotify instances when counted
 * @param cap the settings' {@code maxWatches}, or 0 for none
 */
record WatchBudget(long kernelLimit, String limitName, long inUse, int cap) {
    static final String GLOBAL_LIMIT = "fs.inotify.max_user_watches";
    static final String NAMESPACE_LIMIT = "user.max_inotify_watches";

    /** The kernel's limit on watches per user: a value and the sysctl it comes from. */
    record Limit(long value, String name) {}

    /** The watches this watcher may add. */
    long available() {
        long kernel = Math.max(0, kernelLimit - inUse);
        return cap > 0 ? Math.min(cap, kernel) : kernel;
    }

    /** Reads the limit and counts this user's watches now. */
    static WatchBudget measure(int cap) {
        Limit limit = readLimit();
        return new WatchBudget(limit.value(), limit.name(), countWatchesInUse(), cap);
    }

    /** The one line a person needs when {@code needed} watches do not fit. */
    String shortfall(Path root, long needed) {
        if (cap > 0 && cap < kernelLimit - inUse) {
            return "watching " + root + " needs " + needed + " inotify watches but the maxWatches setting allows " + cap
                    + "; raise maxWatches or exclude large directories";
        }
        long suggested = Math.max(524_288, Long.highestOneBit(Math.max(1, inUse + needed)) * 2);
        return "watching " + root + " needs " + needed + " inotify watches but only " + available()
                + " are available (" + limitName + " = " + kernelLimit + ", " + inUse
                + " in use by this user); raise it: sysctl -w " + limitName + "=" + suggested;
    }

    /** The lower of the global and the user-namespace limit; unlimited where neither can be read. */
    static Limit readLimit() {
        long global = readSysctl(Path.of("/proc/sys/fs/inotify/max_user_watches"));
        long namespace = readSysctl(Path.of("/proc/sys/user/max_inotify_watches"));
        return namespace < global ? new Limit(namespace, NAMESPACE_LIMIT) : new Limit(global, GLOBAL_LIMIT);
    }

    private static long readSysctl(Path file) {
        try {
            // not Files.readString: on JDK 25 it returns only the first byte of a procfs file (size 0)
            return Long.parseLong(Files.readAllLines(file, StandardCharsets.US_ASCII).getFirst().strip());
        } catch (IOException | NumberFormatException | java.util.NoSuchElementException e) {
            // not Linux, /proc not mounted, or a kernel before 5.11: that limit does not bind here
            return Long.MAX_VALUE;
        }
    }

    /** Sums the "inotify wd:" lines of every inotify descriptor owned by processes of this user. */
    static long countWatchesInUse() {
        Object myUid;
        try {
            myUid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
        long total = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), WatchBudget::isPid)) {
            for (Path process : processes) {
                total += countForProcess(process, myUid);
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static long countForProcess(Path process, Object myUid) {
        long count = 0;
        try {
            if (!myUid.equals(Files.getAttribute(process, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                return 0;
            }
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                for (Path fd : fds) {
                    // only inotify descriptors are worth reading: their link reads "anon_inode:inotify"
                    if (Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify")) {
                        count += countWdLines(process.resolve("fdinfo").resolve(fd.getFileName()));
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // the process exited or is not ours to inspect: it holds nothing we can count
        }
        return count;
    }

    private static long countWdLines(Path fdinfo) throws IOException {
        try (var lines = Files.lines(fdinfo, StandardCharsets.US_ASCII)) {
            return lines.filter(line -> line.startsWith("inotify wd:")).count();
        }
    }
}
