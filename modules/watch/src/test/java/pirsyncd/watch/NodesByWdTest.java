package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The descriptor index: open addressing with backward-shift deletion, checked against a HashMap. */
class NodesByWdTest {
    private final NodesByWd table = new NodesByWd();

    private static Node node(int wd) {
        Node node = new Node();
        node.wd = wd;
        return node;
    }

    /** {@code count} descriptors whose probe starts at {@code slot} in the table as it is now. */
    private List<Integer> descriptorsStartingAt(int slot, int count) {
        List<Integer> wds = new ArrayList<>();
        for (int wd = 1; wds.size() < count; wd++) {
            if (table.home(wd) == slot) {
                wds.add(wd);
            }
        }
        return wds;
    }

    @ParameterizedTest(name = "{0} descriptors need {1} slots")
    @CsvSource({"0, 16", "1, 16", "12, 16", "13, 32", "24, 32", "25, 64", "1000, 2048", "100001, 262144"})
    void theTableGrowsWhenMoreThanThreeQuartersFullAndFindsEveryDescriptor(int count, int capacity) {
        List<Node> nodes = new ArrayList<>();
        for (int wd = 1; wd <= count; wd++) {
            Node node = node(wd);
            assertNull(table.put(node));
            nodes.add(node);
        }
        assertEquals(count, table.size());
        assertEquals(capacity, table.capacity());
        for (Node node : nodes) {
            assertSame(node, table.get(node.wd));
        }
        assertNull(table.get(count + 1));
        assertNull(table.get(Node.UNWATCHED));
    }

    @ParameterizedTest(name = "down to {0} of 1000 descriptors: {1} slots")
    @CsvSource({"1000, 2048", "256, 2048", "255, 512", "63, 128", "9, 32", "3, 16", "0, 16"})
    void theTableShrinksWhenLessThanAnEighthFullAndKeepsWhatIsLeft(int left, int capacity) {
        List<Node> nodes = new ArrayList<>();
        for (int wd = 1; wd <= 1000; wd++) {
            nodes.add(node(wd));
            table.put(nodes.getLast());
        }
        for (Node node : nodes.subList(left, 1000)) {
            assertTrue(table.remove(node));
        }
        assertEquals(left, table.size());
        assertEquals(capacity, table.capacity());
        for (int i = 0; i < 1000; i++) {
            Node node = nodes.get(i);
            if (i < left) {
                assertSame(node, table.get(node.wd));
            } else {
                assertNull(table.get(node.wd));
            }
        }
    }

    /**
     * Three descriptors that start their probe at the same slot and one that starts at the next:
     * they sit in four slots in a row; removing any one shifts the later ones back, and all
     * others are still found. Slot 15 is the last one: the run wraps around to slot 0.
     */
    @ParameterizedTest(name = "run from slot {0}, remove number {1}")
    @CsvSource({"3, 0", "3, 1", "3, 2", "3, 3", "15, 0", "15, 1", "15, 2", "15, 3"})
    void removingFromACollidingRunKeepsTheRestReachable(int slot, int removed) {
        List<Integer> wds = new ArrayList<>(descriptorsStartingAt(slot, 3));
        wds.add(descriptorsStartingAt((slot + 1) % 16, 1).getFirst());
        List<Node> nodes = new ArrayList<>();
        for (int wd : wds) {
            nodes.add(node(wd));
            table.put(nodes.getLast());
        }
        for (int i = 0; i < 4; i++) {
            assertSame(nodes.get(i), table.at((slot + i) % 16), "before: slot " + (slot + i) % 16);
        }
        assertTrue(table.remove(nodes.get(removed)));
        assertFalse(table.remove(nodes.get(removed)), "removed only once");
        assertNull(table.get(wds.get(removed)));
        for (int i = 0; i < 4; i++) {
            if (i != removed) {
                assertSame(nodes.get(i), table.get(wds.get(i)), "descriptor " + wds.get(i));
            }
        }
        assertNull(table.at((slot + 3) % 16), "the run is one shorter: no tombstone");
        assertEquals(3, table.size());
    }

    @Test
    void aDescriptorUsedAgainAfterItsWatchEndedFindsTheNewNode() {
        Node first = node(5);
        table.put(first);
        assertTrue(table.remove(first));
        Node second = node(5);
        table.put(second);
        assertSame(second, table.get(5));
        assertEquals(1, table.size());
    }

    @Test
    void theSameDescriptorForTwoNodesKeepsTheLaterAndRemovingTheEarlierChangesNothing() {
        Node earlier = node(7);
        Node later = node(7); // a hard-linked or bind-mounted directory: the kernel's watch is per inode
        table.put(earlier);
        assertSame(earlier, table.put(later));
        assertSame(later, table.get(7));
        assertFalse(table.remove(earlier));
        assertSame(later, table.get(7));
        assertEquals(1, table.size());
    }

    @Test
    void descriptorsThatKeepGrowingUnderChurnDoNotGrowTheTable() {
        // the kernel hands descriptors out cyclically upwards: a few live watches, ever higher numbers
        List<Node> live = new ArrayList<>();
        for (int wd = 1; wd <= 200_000; wd++) {
            live.add(node(wd));
            table.put(live.getLast());
            if (live.size() > 10) {
                assertTrue(table.remove(live.removeFirst()));
            }
        }
        assertEquals(10, table.size());
        assertEquals(16, table.capacity());
        for (Node node : live) {
            assertSame(node, table.get(node.wd));
        }
    }

    @Test
    void randomPutsAndRemovesAgreeWithAHashMap() {
        long seed = Long.getLong("pirsyncd.test.seed", System.nanoTime());
        try {
            Random random = new Random(seed);
            Map<Integer, Node> model = new HashMap<>();
            List<Node> everAdded = new ArrayList<>();
            for (int step = 0; step < 50_000; step++) {
                // a small key range forces collisions, replacements and shrinking and growing again
                int wd = random.nextInt(step < 25_000 ? 3000 : 100);
                if (random.nextInt(3) > 0) {
                    Node node = node(wd);
                    assertSame(model.put(wd, node), table.put(node), "put " + wd);
                    everAdded.add(node);
                } else {
                    Node node = everAdded.isEmpty() ? node(wd) : everAdded.get(random.nextInt(everAdded.size()));
                    boolean present = model.get(node.wd) == node;
                    if (present) {
                        model.remove(node.wd);
                    }
                    assertEquals(present, table.remove(node), "remove " + node.wd);
                }
                assertEquals(model.size(), table.size());
                if (step % 1000 == 0) {
                    for (int key = 0; key < 3000; key++) {
                        assertSame(model.get(key), table.get(key), "descriptor " + key + " at step " + step);
                    }
                }
            }
            model.forEach((wd, node) -> assertSame(node, table.get(wd)));
        } catch (Throwable failure) {
            System.err.println("randomPutsAndRemovesAgreeWithAHashMap failed with seed " + seed
                    + " (rerun with -Dpirsyncd.test.seed=" + seed + ")");
            throw failure instanceof Error error ? error : new AssertionError(failure);
        }
    }
}
