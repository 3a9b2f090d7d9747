package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import pirsyncd.model.RelativePath;

class WatchTreeTest {
    private final WatchTree tree = new WatchTree();

    private Node add(Node parent, String name, int wd) {
        Node node = parent.addChild(new Node.Name(name.getBytes(StandardCharsets.UTF_8)));
        tree.watched(node, wd);
        return node;
    }

    @Test
    void pathsAreBuiltFromTheNamesOnTheWayUp() {
        Node a = add(tree.root(), "a", 1);
        Node b = add(a, "b", 2);
        assertEquals(RelativePath.ROOT, tree.pathOf(tree.root()));
        assertEquals(RelativePath.of("a/b"), tree.pathOf(b));
        assertEquals("/src/a/b", new String(tree.absolutePath("/src".getBytes(StandardCharsets.UTF_8), b), StandardCharsets.UTF_8));
        assertSame(b, tree.byWd(2));
    }

    @Test
    void movingANodeRenamesItsWholeSubtreeWithoutTouchingIt() {
        Node a = add(tree.root(), "a", 1);
        Node deep = add(add(a, "b", 2), "c", 3);
        Node target = add(tree.root(), "t", 4);
        a.moveTo(target, new Node.Name("renamed".getBytes(StandardCharsets.UTF_8)));
        assertEquals(RelativePath.of("t/renamed/b/c"), tree.pathOf(deep));
        assertSame(deep, tree.byWd(3));
        assertNull(tree.root().child(new Node.Name("a".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void removingASubtreeReturnsItsDescriptorsAndDetachesIt() {
        Node a = add(tree.root(), "a", 1);
        Node b = add(a, "b", 2);
        add(tree.root(), "keep", 3);
        assertEquals(List.of(1, 2), tree.removeSubtree(a).stream().sorted().toList());
        assertFalse(tree.isAttached(b));
        assertNull(tree.byWd(2));
        assertEquals(1, tree.watchedCount());
    }

    @Test
    void unwatchedNodesAreReportedByTheirCurrentPath() {
        Node a = add(tree.root(), "a", 1);
        Node over = a.addChild(new Node.Name("over".getBytes(StandardCharsets.UTF_8)));
        tree.markUnwatched(over);
        a.moveTo(tree.root(), new Node.Name("z".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(RelativePath.of("z/over")), tree.unwatchedPaths());
        tree.watched(over, 9);
        assertTrue(tree.unwatchedPaths().isEmpty());
    }

    @Test
    void forgettingADescriptorLeavesTheNodeUnwatched() {
        Node a = add(tree.root(), "a", 1);
        tree.forgetWd(1);
        assertEquals(Node.UNWATCHED, a.wd);
        assertEquals(0, tree.watchedCount());
    }

    @Test
    void watchingANodeAgainUnderAnotherDescriptorMovesItInTheIndex() {
        Node a = add(tree.root(), "a", 1);
        tree.watched(a, 7);
        assertNull(tree.byWd(1));
        assertSame(a, tree.byWd(7));
        assertEquals(1, tree.watchedCount());
    }

    @Test
    void aSecondNodeUnderTheSameDescriptorWinsAndRemovingTheFirstKeepsIt() {
        Node first = add(tree.root(), "first", 4);
        Node second = add(tree.root(), "bind-mount-of-first", 4); // the kernel watches inodes
        assertSame(second, tree.byWd(4));
        assertEquals(List.of(4), tree.removeSubtree(first));
        assertSame(second, tree.byWd(4));
        assertEquals(1, tree.watchedCount());
    }
}
