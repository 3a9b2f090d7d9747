package pirsyncd.inotify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InotifyEventsTest {

    private static List<InotifyEvent> parse(byte[] buffer, int length) throws MalformedEventBufferException {
        List<InotifyEvent> events = new ArrayList<>();
        int count = InotifyEvents.parse(buffer, length, events::add);
        assertEquals(events.size(), count, "returned count matches the handler calls");
        return events;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyBufferHasNoEvents() throws Exception {
        assertEquals(List.of(), parse(new byte[64], 0));
    }

    @Test
    void manyEventsInOneBufferComeOutInOrder() throws Exception {
        EventBufferBuilder builder = new EventBufferBuilder();
        List<InotifyEvent> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] name = i % 7 == 0 ? new byte[0] : utf8("file-" + i);
            int mask = i % 2 == 0 ? InotifyMask.IN_CREATE : InotifyMask.IN_CLOSE_WRITE | InotifyMask.IN_ISDIR;
            builder.add(i % 50, mask, i * 3, name);
            expected.add(new InotifyEvent(i % 50, mask, i * 3, name));
        }
        byte[] buffer = builder.build();
        assertEquals(expected, parse(buffer, buffer.length));
    }

    @Test
    void namesOfEveryLengthUpTo255BytesKeepTheirBytes() throws Exception {
        for (int length = 0; length <= 255; length++) {
            byte[] name = new byte[length];
            for (int i = 0; i < length; i++) {
                name[i] = (byte) ('a' + (i + length) % 26);
            }
            for (int padding : new int[] {1, 2, 3, 15, 16, 17}) {
                byte[] buffer = new EventBufferBuilder()
                        .addRaw(7, InotifyMask.IN_CREATE, 0, length == 0 ? 0 : length + padding, name)
                        .add(8, InotifyMask.IN_DELETE, 0, utf8("after"))
                        .build();
                List<InotifyEvent> events = parse(buffer, buffer.length);
                assertEquals(2, events.size(), "length " + length + " padding " + padding);
                assertArrayEquals(name, events.get(0).name(), "length " + length + " padding " + padding);
                assertArrayEquals(utf8("after"), events.get(1).name());
            }
        }
    }

    @Test
    void nonUtf8NamesStayRawBytes() throws Exception {
        byte[] name = {(byte) 0xff, (byte) 0xfe, 'x', (byte) 0xc3, '\n', (byte) 0x80, (byte) 0xc0};
        byte[] buffer = new EventBufferBuilder().add(1, InotifyMask.IN_MOVED_TO, 42, name).build();
        InotifyEvent event = parse(buffer, buffer.length).getFirst();
        assertArrayEquals(name, event.name());
        assertEquals(42, event.cookie());
        assertTrue(event.nameForHumans().contains("\uFFFD"), "invalid bytes show as replacement characters");
    }

    @Test
    void unsignedFieldsAboveIntMaxSurvive() throws Exception {
        byte[] buffer = new EventBufferBuilder()
                .add(-1, InotifyMask.IN_Q_OVERFLOW, 0, new byte[0])
                .add(3, InotifyMask.IN_ONESHOT | InotifyMask.IN_ISDIR | InotifyMask.IN_CREATE, 0xfedcba98, utf8("n"))
                .build();
        List<InotifyEvent> events = parse(buffer, buffer.length);
        assertEquals(-1, events.get(0).wd());
        assertEquals(0xfedcba98, events.get(1).cookie());
        assertEquals("IN_CREATE|IN_ISDIR|IN_ONESHOT wd=3 cookie=" + 0xfedcba98L + " name=n", events.get(1).toString());
    }

    @Test
    void onlyTheGivenLengthIsParsed() throws Exception {
        byte[] one = new EventBufferBuilder().add(1, InotifyMask.IN_CREATE, 0, utf8("a")).build();
        byte[] buffer = Arrays.copyOf(one, one.length + 100); // trailing garbage beyond length
        Arrays.fill(buffer, one.length, buffer.length, (byte) 0x7f);
        assertEquals(1, parse(buffer, one.length).size());
    }

    @Test
    void truncatedHeaderIsATypedError() {
        byte[] whole = new EventBufferBuilder().add(1, InotifyMask.IN_CREATE, 0, utf8("a"))
                .add(2, InotifyMask.IN_DELETE, 0, utf8("b")).build();
        for (int cut = 1; cut < InotifyEvents.HEADER_BYTES; cut++) {
            int length = 32 + cut; // first record is 16 + 16 bytes
            MalformedEventBufferException e = assertThrows(MalformedEventBufferException.class,
                    () -> parse(whole, length));
            assertEquals(32, e.offset());
            assertTrue(e.getMessage().contains("truncated inotify_event header"), e.getMessage());
        }
    }

    @Test
    void nameRunningPastTheEndIsATypedError() {
        byte[] buffer = new EventBufferBuilder().addRaw(1, InotifyMask.IN_CREATE, 0, 64, utf8("abc")).build();
        MalformedEventBufferException e = assertThrows(MalformedEventBufferException.class,
                () -> parse(buffer, buffer.length - 1));
        assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
    }

    @Test
    void hugeUnsignedLengthIsATypedErrorNotAnOutOfBoundsRead() {
        byte[] buffer = new EventBufferBuilder().addRaw(1, InotifyMask.IN_CREATE, 0, 0xffff_fff0, new byte[0]).build();
        assertThrows(MalformedEventBufferException.class, () -> parse(buffer, buffer.length));
    }

    @Test
    void nameWithoutNulTerminatorUsesTheWholeField() throws Exception {
        byte[] buffer = new EventBufferBuilder().addRaw(1, InotifyMask.IN_CREATE, 0, 4, utf8("abcd")).build();
        assertArrayEquals(utf8("abcd"), parse(buffer, buffer.length).getFirst().name());
    }

    @Test
    void lengthBeyondTheArrayIsRejected() {
        assertThrows(IndexOutOfBoundsException.class, () -> InotifyEvents.parse(new byte[8], 9, e -> { }));
        assertThrows(IndexOutOfBoundsException.class, () -> InotifyEvents.parse(new byte[8], -1, e -> { }));
    }

    /**
     * Random valid buffers must round-trip; random corruptions of them must either parse or throw
     * MalformedEventBufferException, never anything else and never hang.
     */
    @Test
    void randomBuffersRoundTripOrFailWithATypedError() {
        long seed = Long.getLong("pirsyncd.test.seed", System.nanoTime());
        try {
            Random random = new Random(seed);
            for (int round = 0; round < 300; round++) {
                EventBufferBuilder builder = new EventBufferBuilder();
                List<InotifyEvent> expected = new ArrayList<>();
                int count = random.nextInt(200);
                for (int i = 0; i < count; i++) {
                    byte[] name = new byte[random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(255)];
                    for (int b = 0; b < name.length; b++) {
                        name[b] = (byte) (1 + random.nextInt(255)); // any byte but NUL
                    }
                    InotifyEvent event = new InotifyEvent(random.nextInt(), random.nextInt(), random.nextInt(), name);
                    builder.add(event.wd(), event.mask(), event.cookie(), name);
                    expected.add(event);
                }
                byte[] buffer = builder.build();
                assertEquals(expected, parse(buffer, buffer.length), "round " + round);
                if (buffer.length > 0) {
                    byte[] corrupt = buffer.clone();
                    for (int flips = random.nextInt(4); flips >= 0; flips--) {
                        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
                    }
                    int length = random.nextInt(corrupt.length + 1);
                    try {
                        InotifyEvents.parse(corrupt, length, e -> { });
                    } catch (MalformedEventBufferException expectedForSome) {
                        assertTrue(expectedForSome.offset() >= 0 && expectedForSome.offset() < length);
                    }
                }
            }
        } catch (Throwable failure) {
            System.err.println("randomBuffersRoundTripOrFailWithATypedError failed with seed " + seed
                    + " (rerun with -Dpirsyncd.test.seed=" + seed + ")");
            throw failure instanceof Error error ? error : new AssertionError(failure);
        }
    }
}
