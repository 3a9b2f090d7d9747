package pirsyncd.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import pirsyncd.inotify.InotifyEventHandler;
import pirsyncd.inotify.InotifyEvents;
import pirsyncd.inotify.InotifyMask;
import pirsyncd.inotify.MalformedEventBufferException;

/**
 * Throughput of the {@code struct inotify_event} parser, in events per second on one thread: a
 * 64 KiB buffer (what one read(2) returns) of events with typical names, 8 to 40 bytes, some
 * events without a name. Goal: at least 5 million events/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2) // the JIT needs a while on a loaded machine
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventParserBenchmark {
    /** How many events fit in the 64 KiB buffer with the name lengths used below. */
    static final int EVENTS = 1400;

    private byte[] buffer;
    private int length;

    /** Lays out the events as the kernel does: 16-byte header, name NUL-padded to 16 bytes. */
    @Setup
    public void fillBuffer() {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024).order(ByteOrder.nativeOrder());
        for (int i = 0; i < EVENTS; i++) {
            byte[] name = i % 10 == 0 ? new byte[0]
                    : ("file-" + "x".repeat(i % 33) + i).getBytes(StandardCharsets.UTF_8);
            int padded = name.length == 0 ? 0 : (name.length / 16 + 1) * 16;
            out.putInt(1 + i % 100).putInt(i % 3 == 0 ? InotifyMask.IN_CLOSE_WRITE : InotifyMask.IN_MODIFY)
                    .putInt(0).putInt(padded).put(name).put(new byte[padded - name.length]);
        }
        buffer = out.array();
        length = out.position();
    }

    /** One full buffer parsed into InotifyEvent records handed to a consumer. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int parseFullBuffer(Blackhole consumer) throws MalformedEventBufferException {
        return InotifyEvents.parse(buffer, length, consumer::consume);
    }

    /** The same parse with another handler, for {@link ParserCpuThroughput}. */
    int parseWith(InotifyEventHandler handler) throws MalformedEventBufferException {
        return InotifyEvents.parse(buffer, length, handler);
    }
}
