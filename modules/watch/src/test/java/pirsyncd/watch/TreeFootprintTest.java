package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The heap estimate, worked out by hand from the object sizes documented in TreeFootprint. */
class TreeFootprintTest {
    private static Node.Name name(String text) {
        return new Node.Name(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyTreeCostsNothingPerDirectory() {
        assertEquals(0, TreeFootprint.bytesPerDirectory(new WatchTree()));
    }

    @Test
    void theEstimateAddsNodesNamesChildMapsAndTheDescriptorMap() {
        WatchTree tree = new WatchTree();
        tree.watched(tree.root(), 1);
        tree.watched(tree.root().addChild(name("a")), 200);
        tree.watched(tree.root().addChild(name("bb")), 300);
        long descriptors = 48 + (16 + 16 * 4) + 3 * (32 + 16); // map, table of 16, 3 entries with boxed keys
        long root = 32 + 24 + 16 + 48 + (16 + 4 * 4) + 2 * 32; // node, name, empty array, child map of 4 slots, 2 entries
        long a = 32 + 24 + 24; // node, name, 1-byte array aligned to 24
        long bb = 32 + 24 + 24;
        assertEquals(descriptors + root + a + bb, TreeFootprint.totalBytes(tree));
        assertEquals((descriptors + root + a + bb) / 3, TreeFootprint.bytesPerDirectory(tree));
    }

    @Test
    void hashTablesGrowAtThreeQuartersFull() {
        assertEquals(16 + 4 * 4, TreeFootprint.table(3, 4));
        assertEquals(16 + 8 * 4, TreeFootprint.table(4, 4));
        assertEquals(16 + 2048 * 4, TreeFootprint.table(999, 4));
        assertEquals(16 + 16 * 4, TreeFootprint.table(0, 16));
    }
}
