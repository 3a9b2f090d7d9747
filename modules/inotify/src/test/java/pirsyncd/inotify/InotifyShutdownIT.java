package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A reader blocked in poll(2) is woken by wakeup() and close(), and close() closes each descriptor once. */
@Timeout(60)
class InotifyShutdownIT {
    @TempDir
    Path dir;

    /** What /proc/self/fd/N points at, or "" when N is not open. */
    private static String fdTarget(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException notOpen) {
            return "";
        }
    }

    /** Waits until {@code thread} is inside the native poll call (its Java frame is LibC.poll). */
    private static void awaitBlockedInPoll(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().equals(LibC.class.getName()) && frame.getMethodName().equals("poll")) {
                    return;
                }
            }
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                throw new AssertionError("reader never blocked in poll");
            }
            Thread.onSpinWait();
        }
    }

    private static CompletableFuture<Integer> startReader(Inotify inotify, Thread[] readerOut) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().name("inotify-reader").start(() -> {
            started.countDown();
            try {
                result.complete(inotify.awaitEvents(e -> { }, -1));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        readerOut[0] = reader;
        awaitBlockedInPoll(reader);
        return result;
    }

    @Test
    void wakeupFromAnotherThreadWakesABlockedReaderPromptly() throws Exception {
        try (Inotify inotify = Inotify.open()) {
            Thread[] reader = new Thread[1];
            CompletableFuture<Integer> result = startReader(inotify, reader);
            long start = System.nanoTime();
            inotify.wakeup();
            assertEquals(-1, result.get(10, TimeUnit.SECONDS));
            System.out.printf("wakeup -> reader returned in %.2f ms%n", (System.nanoTime() - start) / 1e6);
            assertEquals(0, inotify.awaitEvents(e -> { }, 0), "the wake-up was consumed");
        }
    }

    @Test
    void closeFromAnotherThreadWakesTheReaderAndClosesBothDescriptors() throws Exception {
        Inotify inotify = Inotify.open();
        int inotifyFd = inotify.inotifyFd();
        int wakeFd = inotify.wakeFd();
        assertEquals("anon_inode:inotify", fdTarget(inotifyFd));
        assertEquals("anon_inode:[eventfd]", fdTarget(wakeFd));
        Thread[] reader = new Thread[1];
        CompletableFuture<Integer> result = startReader(inotify, reader);

        long start = System.nanoTime();
        inotify.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(-1, result.get(10, TimeUnit.SECONDS), "the blocked reader was woken");
        System.out.println("close() with a blocked reader took " + closeMillis + " ms");
        assertTrue(closeMillis < 5_000, "close returned promptly: " + closeMillis + " ms");
        assertFalse(fdTarget(inotifyFd).startsWith("anon_inode:inotify"), "inotify fd closed");
        assertFalse(fdTarget(wakeFd).startsWith("anon_inode:[eventfd]"), "eventfd closed");
    }

    @Test
    void closingAgainNeverClosesADescriptorNumberThatWasReused() throws Exception {
        Inotify inotify = Inotify.open();
        int inotifyFd = inotify.inotifyFd();
        int wakeFd = inotify.wakeFd();
        List<Thread> closers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            closers.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inotify.close();
            }));
        }
        go.countDown();
        for (Thread closer : closers) {
            closer.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(closer.isAlive());
        }
        // The lowest free numbers are handed out first, so new files take the freed numbers.
        List<FileChannel> reusers = new ArrayList<>();
        try {
            for (int i = 0; i < 16 && !(isOurFile(inotifyFd) && isOurFile(wakeFd)); i++) {
                reusers.add(FileChannel.open(dir.resolve("reuse" + i), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            }
            assertTrue(isOurFile(inotifyFd) && isOurFile(wakeFd), "freed numbers were reused by our files");
            inotify.close();
            inotify.close();
            assertTrue(isOurFile(inotifyFd), "a second close left the reused inotify number alone");
            assertTrue(isOurFile(wakeFd), "a second close left the reused eventfd number alone");
        } finally {
            for (FileChannel channel : reusers) {
                channel.close();
            }
        }
    }

    private boolean isOurFile(int fd) {
        return fdTarget(fd).startsWith(dir.toString());
    }

    @Test
    void closeFromInsideTheHandlerIsDeferredUntilTheReadReturns() throws Exception {
        Inotify inotify = Inotify.open();
        int inotifyFd = inotify.inotifyFd();
        inotify.addWatch(Bytes.of(dir), InotifyMask.IN_CREATE);
        Files.createFile(dir.resolve("a"));
        Files.createFile(dir.resolve("b"));
        List<InotifyEvent> seen = new ArrayList<>();
        int count = inotify.awaitEvents(event -> {
            seen.add(event);
            inotify.close();
            assertEquals("anon_inode:inotify", fdTarget(inotifyFd), "still open inside the handler");
        }, 10_000);
        assertEquals(seen.size(), count);
        assertFalse(inotify.isOpen());
        assertFalse(fdTarget(inotifyFd).startsWith("anon_inode:inotify"), "closed when awaitEvents returned");
    }

    @Test
    void aSecondConcurrentReaderIsRefused() throws Exception {
        try (Inotify inotify = Inotify.open()) {
            Thread[] reader = new Thread[1];
            CompletableFuture<Integer> result = startReader(inotify, reader);
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> inotify.awaitEvents(e -> { }, 0));
            assertTrue(refused.getMessage().contains("inotify-reader"), refused.getMessage());
            inotify.wakeup();
            assertEquals(-1, result.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
