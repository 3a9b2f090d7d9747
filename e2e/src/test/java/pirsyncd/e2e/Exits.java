package pirsyncd.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Daemons that answered their stop request and are on their way out. By its answer a daemon has done its
 * final sync, closed its watches and removed its socket and pid file; its JVM then still takes a moment to
 * exit (up to a second or two on a busy machine), and waiting for that at the end of every scenario added
 * up to more than a minute of the fast profile. So the exit is awaited here, in the background and
 * bounded: a daemon still alive after {@link #BOUND} is killed (by its pid), then its runtime directory
 * is removed. {@link SummarySessionListener} waits for all of them before the run ends, so no daemon
 * outlives the suite.
 */
final class Exits {
    static final Duration BOUND = Duration.ofSeconds(30);
    private static final List<CompletableFuture<?>> PENDING = new ArrayList<>();

    private Exits() {}

    /** Waits in the background for {@code process} to exit (killing it after {@link #BOUND}), then removes {@code runtimeDir}. */
    static synchronized void await(ProcessHandle process, Path runtimeDir) {
        PENDING.removeIf(CompletableFuture::isDone);
        PENDING.add(process.onExit()
                .completeOnTimeout(process, BOUND.toMillis(), TimeUnit.MILLISECONDS)
                .thenAccept(ended -> {
                    if (ended.isAlive()) {
                        System.err.println("e2e: pid " + ended.pid() + " still alive " + BOUND.toSeconds()
                                + " s after it answered stop; killed");
                        ended.destroyForcibly();
                    }
                    Trees.deleteRecursively(runtimeDir);
                }));
    }

    /** Waits (bounded) until every daemon handed over has exited and been cleaned up. */
    static void drain() {
        List<CompletableFuture<?>> all;
        synchronized (Exits.class) {
            all = List.copyOf(PENDING);
            PENDING.clear();
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(BOUND.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("e2e: not every stopped daemon was cleaned up: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
