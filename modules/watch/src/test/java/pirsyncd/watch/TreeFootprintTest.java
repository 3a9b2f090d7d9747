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
    void theEstimateAddsNodesNamesAndTheDescriptorIndex() {
        WatchTree tree = new WatchTree();
        tree.watched(tree.root(), 1);
        tree.watched(tree.root().addChild(name("a")), 200);
        tree.watched(tree.root().addChild(name("bb")), 300);
        long descriptors = 24 + (16 + 16 * 4); // the table object and its 16 slots
        long root = 32 + 16; // node, empty name array; its 2 children are a list through the nodes
        long a = 32 + 24; // node, 1-byte array aligned to 24
        long bb = 32 + 24;
        assertEquals(descriptors + root + a + bb, TreeFootprint.totalBytes(tree));
        assertEquals((descriptors + root + a + bb) / 3, TreeFootprint.bytesPerDirectory(tree));
    }

    @Test
    void aDirectoryWithMoreThanEightChildrenAddsItsChildTable() {
        WatchTree tree = new WatchTree();
        tree.watched(tree.root(), 1);
        for (int i = 0; i < 9; i++) {
            tree.watched(tree.root().addChild(name("d" + i)), 10 + i);
        }
        long descriptors = 24 + (16 + 16 * 4); // 10 descriptors fit 16 slots (at most 12)
        long root = 32 + 16 + 24 + (16 + 16 * 4); // node, empty name, child table of 16 slots
        long children = 9 * (32 + 24); // nodes with 2-byte names
        assertEquals(descriptors + root + children, TreeFootprint.totalBytes(tree));
    }

    @Test
    void tablesAreCountedAtTheirCapacity() {
        assertEquals(24 + 16 + 16 * 4, TreeFootprint.table(16));
        assertEquals(24 + 16 + 2048 * 4, TreeFootprint.table(2048));
    }
}
