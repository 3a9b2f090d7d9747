package pirsyncd.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The running daemon's claim on its instance: the pid file, held under a POSIX record lock
 * (fcntl(2) F_SETLK, which is what {@link FileChannel#tryLock()} uses on Linux) for the life of
 * the process. The kernel drops the lock when the process dies however it dies, so a pid file
 * without a lock is stale by definition, with no guessing from pids that may have been reused.
 */
final class InstanceLock implements AutoCloseable {
    private final Path pidFile;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path pidFile, FileChannel channel, FileLock lock) {
        this.pidFile = pidFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** What {@link #acquire} found. */
    sealed interface Claim {
        /** We hold the instance now; {@code stalePid} is the crashed predecessor's, if any. */
        record Acquired(InstanceLock lock, OptionalLong stalePid) implements Claim {}

        /** Another live process holds it. */
        record HeldBy(OptionalLong pid) implements Claim {}
    }

    /** Locks the pid file and writes our pid into it, unless a live daemon holds it. */
    static Claim acquire(Path pidFile, long ourPid) throws IOException {
        FileChannel channel = FileChannel.open(pidFile,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            OptionalLong holder = readPid(channel);
            channel.close();
            return new Claim.HeldBy(holder);
        }
        OptionalLong stale = readPid(channel);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ourPid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new Claim.Acquired(new InstanceLock(pidFile, channel, lock), stale);
    }

    /**
     * Whether a daemon holds the pid file now, and its pid; for clients, which must not take the
     * lock themselves for longer than the test.
     */
    static Optional<OptionalLong> holder(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(pidFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            return Optional.of(readPid(channel));
        }
    }

    /** The pid written in the file, if it holds one. */
    static OptionalLong readPid(Path pidFile) {
        try (FileChannel channel = FileChannel.open(pidFile, StandardOpenOption.READ)) {
            return readPid(channel);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        try {
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Releases the instance and removes the pid file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        // delete while still holding the lock, so that a successor never sees our file unlocked
        Files.deleteIfExists(pidFile);
        lock.release();
        channel.close();
    }
}
