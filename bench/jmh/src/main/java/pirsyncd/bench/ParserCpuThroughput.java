package pirsyncd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import pirsyncd.inotify.InotifyEvent;
import pirsyncd.inotify.MalformedEventBufferException;

/**
 * The parser's events per second of <em>CPU time</em> of one thread, for machines too loaded for
 * JMH's wall-clock figure to mean "one core" (on a shared 2-core box with a load of 17, JMH's
 * score mostly measures the share of a core the benchmark got). Same buffer as
 * {@link EventParserBenchmark}. It excludes the garbage collector's threads (young collections
 * of these short-lived events are cheap but not free). Run: {@code java -cp benchmarks.jar pirsyncd.bench.ParserCpuThroughput}.
 */
public final class ParserCpuThroughput {
    private static long sink;
    // Written per event so the event and its name escape: no scalar replacement flattering the figure.
    private static InotifyEvent last;

    private ParserCpuThroughput() {}

    /** Warms up for 10 s of CPU time, then prints five 2-second (CPU) measurements. */
    public static void main(String[] args) throws MalformedEventBufferException {
        EventParserBenchmark state = new EventParserBenchmark();
        state.fillBuffer();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        measure(state, threads, 10_000_000_000L);
        for (int round = 1; round <= 5; round++) {
            double eventsPerCpuSecond = measure(state, threads, 2_000_000_000L);
            System.out.printf("round %d: %.2f million events per CPU-second%n", round, eventsPerCpuSecond / 1e6);
        }
        System.out.println(sink == 42 ? "" : "done (last event: " + last + ")");
    }

    private static double measure(EventParserBenchmark state, ThreadMXBean threads, long cpuNanos)
            throws MalformedEventBufferException {
        long start = threads.getCurrentThreadCpuTime();
        long events = 0;
        long used;
        do {
            for (int i = 0; i < 100; i++) {
                events += state.parseWith(ParserCpuThroughput::consume);
            }
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < cpuNanos);
        return events * 1e9 / used;
    }

    private static void consume(InotifyEvent event) {
        last = event;
        sink += event.name().length + event.mask();
    }
}
