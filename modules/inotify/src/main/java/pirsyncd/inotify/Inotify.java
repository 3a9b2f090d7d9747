package pirsyncd.inotify;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * One inotify instance (inotify(7)) plus an eventfd that other threads use to wake its reader.
 *
 * <p>One thread owns it: that thread adds and removes watches and calls {@link #awaitEvents},
 * which blocks in {@code poll(2)} on both descriptors and then reads the inotify descriptor until
 * it is drained ({@code EAGAIN}), parsing into one reused 64 KiB buffer. Any thread may call
 * {@link #wakeup()} to make the reader return -1 (to look at requests posted to it), and any
 * thread may call {@link #close()}, which wakes the reader first and closes both descriptors
 * exactly once. This is the shape of the JDK's {@code LinuxWatchService}: the poller owns the fd,
 * everyone else posts and wakes.
 *
 * <p>{@link #addWatch} and {@link #removeWatch} may also be called from another thread while the
 * reader is blocked (the kernel serialises them); they use per-call memory.
 */
public final class Inotify implements AutoCloseable {
    private static final TaggedLogger LOG = Logger.tag("inotify");

    /**
     * Bytes per read: a read returns as many whole events as fit, and one event is at most
     * {@code 16 + NAME_MAX + 1} bytes, so 64 KiB holds hundreds to thousands of events per call.
     */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    /*
     * struct pollfd { int fd; short events; short revents; };  // poll.h: 8 bytes
     * pollFds[0] is the inotify descriptor, pollFds[1] the eventfd.
     */
    private static final long POLLFD_BYTES = 8;
    private static final long POLLFD_FD = 0;
    private static final long POLLFD_EVENTS = 4;
    private static final long POLLFD_REVENTS = 6;

    /**
     * The errno capture and path buffer of {@link #addWatch} and {@link #removeWatch}, one pair per
     * calling thread, allocated on its first call and freed by the garbage collector after the
     * thread ends. A walk adds a watch per directory: a confined arena per call allocated and
     * freed two native blocks and four objects each time (measured: most of what a walk of 100,000
     * directories allocated, and about 80 ms of its collections).
     */
    private record CallBuffers(MemorySegment errno, MemorySegment path) {
        static CallBuffers allocate() {
            Arena arena = Arena.ofAuto();
            return new CallBuffers(LibC.allocateErrno(arena), arena.allocate(Linux.PATH_MAX));
        }
    }

    private static final ThreadLocal<CallBuffers> CALL_BUFFERS = ThreadLocal.withInitial(CallBuffers::allocate);

    private final int inotifyFd;
    private final int wakeFd;
    // Shared, not confined: close() may run on any thread. The use count below guarantees no
    // thread touches these segments when the arena is closed.
    private final Arena arena = Arena.ofShared();
    // Used only by the thread inside awaitEvents (there is at most one).
    private final MemorySegment readBuffer;
    private final MemorySegment pollFds;
    private final MemorySegment wakeCounter;
    private final MemorySegment readerErrno;
    // Set by wakeup() before it writes the eventfd, cleared by the reader after draining it:
    // concurrent wake-ups coalesce into one write.
    private final AtomicBoolean wakePending = new AtomicBoolean();

    private final Object lifecycle = new Object();
    // guarded by lifecycle: calls currently using the descriptors, and the close protocol
    private int users;
    private volatile boolean closed;
    private boolean releaseClaimed;
    private boolean released;
    private Thread reader;

    private Inotify(int inotifyFd, int wakeFd) {
        this.inotifyFd = inotifyFd;
        this.wakeFd = wakeFd;
        this.readBuffer = arena.allocate(READ_BUFFER_BYTES, 8);
        this.pollFds = arena.allocate(2 * POLLFD_BYTES, 8);
        this.wakeCounter = arena.allocate(JAVA_LONG);
        this.readerErrno = LibC.allocateErrno(arena);
        pollFds.set(JAVA_INT, POLLFD_FD, inotifyFd);
        pollFds.set(JAVA_INT, POLLFD_BYTES + POLLFD_FD, wakeFd);
    }

    /**
     * Creates the inotify instance ({@code inotify_init1(IN_NONBLOCK | IN_CLOEXEC)}) and its
     * wake-up eventfd.
     *
     * @throws NativeException EMFILE (fs.inotify.max_user_instances or the process descriptor
     *     limit), ENFILE (fs.file-max), ENOMEM; each with a hint naming the limit to raise
     */
    public static Inotify open() throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            int fd = LibC.inotifyInit1(errno, Linux.IN_NONBLOCK | Linux.IN_CLOEXEC);
            if (fd < 0) {
                throw Errors.of("inotify_init1", LibC.errno(errno));
            }
            int efd = LibC.eventfd(errno, 0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
            if (efd < 0) {
                int failure = LibC.errno(errno);
                LibC.close(errno, fd);
                throw Errors.of("eventfd", failure);
            }
            LOG.debug("opened inotify fd {} with wake-up eventfd {}", fd, efd);
            return new Inotify(fd, efd);
        }
    }

    /**
     * Watches {@code absolutePath} (raw bytes, no NUL) for the events in {@code mask}
     * ({@code inotify_add_watch(2)}); watching the same object again returns the same descriptor
     * with the mask replaced (or extended with {@link InotifyMask#IN_MASK_ADD}).
     *
     * @return the watch descriptor, which events carry in {@link InotifyEvent#wd()}
     * @throws java.nio.file.NoSuchFileException the path does not exist (e.g. vanished meanwhile)
     * @throws java.nio.file.AccessDeniedException the path cannot be searched or read
     * @throws java.nio.file.NotDirectoryException with IN_ONLYDIR, the path is not a directory
     * @throws NativeException ENOSPC when fs.inotify.max_user_watches is reached (with the sysctl
     *     to raise it), ENOMEM, EINVAL for a mask without event bits
     * @throws ClosedChannelException after {@link #close()}
     */
    public int addWatch(byte[] absolutePath, int mask) throws IOException {
        if (absolutePath.length >= Linux.PATH_MAX) {
            // what the kernel would say: it copies at most PATH_MAX bytes, NUL included
            throw Errors.of("inotify_add_watch", Errno.ENAMETOOLONG.number(), absolutePath);
        }
        enter();
        try {
            CallBuffers buffers = CALL_BUFFERS.get();
            MemorySegment errno = buffers.errno();
            MemorySegment path = LibC.cString(buffers.path(), absolutePath);
            while (true) {
                int wd = LibC.inotifyAddWatch(errno, inotifyFd, path, mask);
                if (wd >= 0) {
                    return wd;
                }
                int failure = LibC.errno(errno);
                if (failure != Errno.EINTR.number()) {
                    throw Errors.of("inotify_add_watch", failure, absolutePath);
                }
            }
        } finally {
            leave();
        }
    }

    /**
     * Removes a watch ({@code inotify_rm_watch(2)}); the kernel then queues IN_IGNORED for it.
     *
     * <p>EINVAL means the descriptor is not (or no longer) a watch of this instance: the kernel
     * already removed it because its directory was deleted or unmounted, and IN_IGNORED has been
     * queued. That is the normal race with a vanishing directory, not an error: this returns
     * false instead of throwing.
     *
     * @return true if the watch was removed, false if it was already gone
     * @throws ClosedChannelException after {@link #close()}
     */
    public boolean removeWatch(int wd) throws IOException {
        enter();
        try {
            MemorySegment errno = CALL_BUFFERS.get().errno();
            if (LibC.inotifyRmWatch(errno, inotifyFd, wd) == 0) {
                return true;
            }
            int failure = LibC.errno(errno);
            if (failure == Errno.EINVAL.number()) {
                return false;
            }
            throw Errors.of("inotify_rm_watch", failure);
        } finally {
            leave();
        }
    }

    /**
     * Waits until events arrive, {@link #wakeup()} is called, or the timeout passes; then reads
     * and parses events until the queue is drained, calling {@code handler} for each on this
     * thread, in kernel order.
     *
     * <p>A wake-up wins over pending events: those stay queued for the next call. A wake-up that
     * happens while no thread is waiting makes the next call return -1 at once. While draining, a
     * wake-up stops the reading after the current buffer so the caller can react promptly.
     *
     * @param timeoutMillis how long to wait at most; negative waits without limit, 0 only checks
     * @return the number of events read (0 when the timeout passed without any), or -1 when
     *     woken by {@link #wakeup()} or {@link #close()}
     * @throws ClosedChannelException if this instance was already closed
     * @throws IllegalStateException if another thread is already inside awaitEvents
     * @throws MalformedEventBufferException if the kernel's buffer cannot be parsed (a bug)
     */
    public int awaitEvents(InotifyEventHandler handler, long timeoutMillis) throws IOException {
        Objects.requireNonNull(handler, "handler");
        enterAsReader();
        try {
            long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
            while (true) {
                if (closed) {
                    return -1;
                }
                pollFds.set(JAVA_SHORT, POLLFD_EVENTS, Linux.POLLIN);
                pollFds.set(JAVA_SHORT, POLLFD_REVENTS, (short) 0);
                pollFds.set(JAVA_SHORT, POLLFD_BYTES + POLLFD_EVENTS, Linux.POLLIN);
                pollFds.set(JAVA_SHORT, POLLFD_BYTES + POLLFD_REVENTS, (short) 0);
                int ready = LibC.poll(readerErrno, pollFds, 2, pollTimeout(timeoutMillis, deadline));
                if (ready < 0) {
                    int failure = LibC.errno(readerErrno);
                    if (failure == Errno.EINTR.number()) {
                        continue; // a signal: wait again for the time that is left
                    }
                    throw Errors.of("poll", failure);
                }
                if (ready == 0) {
                    return 0;
                }
                short wakeReady = pollFds.get(JAVA_SHORT, POLLFD_BYTES + POLLFD_REVENTS);
                short inotifyReady = pollFds.get(JAVA_SHORT, POLLFD_REVENTS);
                checkPollError(wakeReady);
                checkPollError(inotifyReady);
                if ((wakeReady & Linux.POLLIN) != 0) {
                    drainWakeups();
                    return -1;
                }
                if ((inotifyReady & Linux.POLLIN) != 0) {
                    return readUntilDrained(handler);
                }
            }
        } finally {
            leaveAsReader();
        }
    }

    /**
     * Makes the thread in {@link #awaitEvents} (or the next one to call it) return -1. Callable
     * from any thread; concurrent calls coalesce into one eventfd write. Does nothing after close.
     */
    public void wakeup() {
        if (!wakePending.compareAndSet(false, true)) {
            return; // a wake-up is already on its way
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            users++;
        }
        try {
            signalWakeFd();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            leave();
        }
    }

    /** True until {@link #close()} is called. */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Wakes a thread blocked in {@link #awaitEvents}, waits until no call is using the
     * descriptors, then closes both exactly once and frees the read buffer. Idempotent; callable
     * from any thread. Called from inside the event handler, it returns at once and the
     * descriptors are closed when {@code awaitEvents} returns.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            users++; // keeps the eventfd open while we write to it
        }
        try {
            signalWakeFd();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not wake the inotify reader while closing: {}", e.getMessage());
        } finally {
            leave();
        }
        synchronized (lifecycle) {
            if (reader == Thread.currentThread()) {
                return; // closing from the handler: released when awaitEvents returns
            }
            while (!released) {
                try {
                    lifecycle.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // the last user still releases the descriptors
                }
            }
        }
    }

    /** The inotify descriptor, for tests that check it is closed exactly once. */
    int inotifyFd() {
        return inotifyFd;
    }

    /** The eventfd, for tests that check it is closed exactly once. */
    int wakeFd() {
        return wakeFd;
    }

    @Override
    public String toString() {
        return "Inotify[fd=" + inotifyFd + ", eventfd=" + wakeFd + (closed ? ", closed]" : "]");
    }

    private static int pollTimeout(long timeoutMillis, long deadline) {
        if (timeoutMillis < 0) {
            return -1;
        }
        if (timeoutMillis == 0) {
            return 0;
        }
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
            return 0;
        }
        // round up: poll(2) with a shorter timeout would return before the caller's deadline
        long millis = (remainingNanos + 999_999) / 1_000_000;
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    private void checkPollError(short revents) throws IOException {
        if ((revents & Linux.POLLNVAL) != 0) {
            throw Errors.of("poll", Errno.EBADF.number());
        }
        if ((revents & (Linux.POLLERR | Linux.POLLHUP)) != 0 && (revents & Linux.POLLIN) == 0) {
            throw Errors.of("poll", Errno.EIO.number());
        }
    }

    private int readUntilDrained(InotifyEventHandler handler) throws IOException {
        int events = 0;
        while (true) {
            long bytes = LibC.read(readerErrno, inotifyFd, readBuffer, READ_BUFFER_BYTES);
            if (bytes < 0) {
                int failure = LibC.errno(readerErrno);
                if (failure == Errno.EINTR.number()) {
                    continue;
                }
                if (failure == Errno.EAGAIN.number()) {
                    return events; // drained
                }
                throw Errors.of("read", failure);
            }
            if (bytes == 0) {
                return events; // not produced by inotify; treat like drained rather than spin
            }
            events += EventParser.parse(readBuffer, bytes, handler);
            if (wakePending.get() || closed) {
                return events; // someone wants the reader now; the rest stays queued
            }
        }
    }

    private void drainWakeups() throws IOException {
        // eventfd(2): a read returns the counter and resets it to 0; EAGAIN when already 0
        while (true) {
            long bytes = LibC.read(readerErrno, wakeFd, wakeCounter, JAVA_LONG.byteSize());
            if (bytes >= 0) {
                break;
            }
            int failure = LibC.errno(readerErrno);
            if (failure == Errno.EAGAIN.number()) {
                break;
            }
            if (failure != Errno.EINTR.number()) {
                throw Errors.of("read", failure);
            }
        }
        // cleared after draining: a wakeup() racing with us either wrote before the drain or
        // found the flag set and coalesced into the -1 we are about to return
        wakePending.set(false);
    }

    private void signalWakeFd() throws IOException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            MemorySegment one = call.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1L);
            while (true) {
                if (LibC.write(errno, wakeFd, one, JAVA_LONG.byteSize()) >= 0) {
                    return;
                }
                int failure = LibC.errno(errno);
                if (failure == Errno.EAGAIN.number()) {
                    return; // the counter is saturated: the reader is certainly going to wake
                }
                if (failure != Errno.EINTR.number()) {
                    throw Errors.of("write", failure);
                }
            }
        }
    }

    private void enter() throws ClosedChannelException {
        synchronized (lifecycle) {
            if (closed) {
                throw new ClosedChannelException();
            }
            users++;
        }
    }

    private void enterAsReader() throws ClosedChannelException {
        synchronized (lifecycle) {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (reader != null) {
                throw new IllegalStateException("awaitEvents is already running on thread " + reader.getName()
                        + "; an Inotify has one reader");
            }
            reader = Thread.currentThread();
            users++;
        }
    }

    private void leaveAsReader() {
        synchronized (lifecycle) {
            reader = null;
        }
        leave();
    }

    private void leave() {
        boolean release;
        synchronized (lifecycle) {
            users--;
            release = closed && users == 0 && !releaseClaimed;
            if (release) {
                releaseClaimed = true;
            }
        }
        if (release) {
            release();
        }
    }

    /** Runs once, when closed and no call uses the descriptors any more. */
    private void release() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = LibC.allocateErrno(call);
            // close(2): never retried, even on EINTR: Linux has released the descriptor anyway,
            // and a retry could close a descriptor another thread just opened.
            if (LibC.close(errno, inotifyFd) != 0) {
                LOG.warn("close of inotify fd {} failed: {}", inotifyFd, NativeException.errnoName(LibC.errno(errno)));
            }
            if (LibC.close(errno, wakeFd) != 0) {
                LOG.warn("close of eventfd {} failed: {}", wakeFd, NativeException.errnoName(LibC.errno(errno)));
            }
        } finally {
            arena.close();
            synchronized (lifecycle) {
                released = true;
                lifecycle.notifyAll();
            }
            LOG.debug("closed inotify fd {} and eventfd {}", inotifyFd, wakeFd);
        }
    }
}
