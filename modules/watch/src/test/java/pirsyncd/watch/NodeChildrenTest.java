package pirsyncd.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import pirsyncd.model.RelativePath;

/**
 * A node's children: a list through the nodes up to {@link Node#LIST_LIMIT}, a {@link ChildTable}
 * beyond; lookups, replacement, removal and re-parenting in both forms and across the change.
 */
class NodeChildrenTest {
    private final WatchTree tree = new WatchTree();

    private static Node.Name name(String text) {
        return new Node.Name(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Node> addChildren(Node parent, String prefix, int count) {
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            children.add(parent.addChild(name(prefix + i)));
        }
        return children;
    }

    /** Each child once, by identity. */
    private static Set<Node> childrenOf(Node parent) {
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        parent.forEachChild(child -> assertTrue(seen.add(child), "a child is visited once"));
        return seen;
    }

    private static void assertChildren(Node parent, List<Node> expected) {
        assertEquals(expected.size(), parent.childCount());
        assertEquals(new HashSet<>(expected).size(), childrenOf(parent).size());
        assertTrue(childrenOf(parent).containsAll(expected));
        for (Node child : expected) {
            assertSame(child, parent.child(new Node.Name(child.name())), RelativePath.escape(child.name()));
            assertSame(parent, child.parent());
        }
        if (expected.size() > Node.LIST_LIMIT) {
            assertNotNull(parent.childTable(), expected.size() + " children: a list holds at most " + Node.LIST_LIMIT);
        } else if (expected.size() <= Node.LIST_LIMIT / 2) {
            assertNull(parent.childTable(), expected.size() + " children: a table holds more than " + Node.LIST_LIMIT / 2);
        }
    }

    @ParameterizedTest(name = "{0} children")
    @ValueSource(ints = {0, 1, 8, 9, 16, 100, 1000})
    void everyChildIsFoundByItsNameAndVisitedOnce(int count) {
        List<Node> children = addChildren(tree.root(), "child-", count);
        assertChildren(tree.root(), children);
        assertNull(tree.root().child(name("child-" + count)));
        assertNull(tree.root().child(name("")));
    }

    @Test
    void removingChildrenOneByOneGoesBackToAListWellBelowTheLimit() {
        List<Node> children = addChildren(tree.root(), "c", 100);
        while (!children.isEmpty()) {
            Node gone = children.removeLast();
            gone.detach();
            assertNull(gone.parent());
            assertNull(tree.root().child(new Node.Name(gone.name())));
            assertEquals(children.size(), tree.root().childCount());
            for (Node child : children) {
                assertSame(child, tree.root().child(new Node.Name(child.name())));
            }
            // a table until only LIST_LIMIT / 2 are left, so churn at the limit does not flip it
            assertEquals(children.size() > Node.LIST_LIMIT / 2, tree.root().childTable() != null, children.size() + " left");
        }
    }

    /** "Aa" and "BB" have the same hash, so every name made of them collides with every other. */
    @Test
    void namesWithTheSameHashAreAllFoundAndRemovedInAnyOrder() {
        List<String> names = new ArrayList<>(List.of(""));
        for (int pair = 0; pair < 5; pair++) {
            List<String> longer = new ArrayList<>();
            for (String prefix : names) {
                longer.add(prefix + "Aa");
                longer.add(prefix + "BB");
            }
            names = longer;
        }
        assertEquals(1, names.stream().map(n -> Arrays.hashCode(n.getBytes(StandardCharsets.UTF_8))).distinct().count());
        List<Node> children = new ArrayList<>();
        for (String text : names) {
            children.add(tree.root().addChild(name(text)));
        }
        assertChildren(tree.root(), children);
        Random random = new Random(7);
        while (children.size() > Node.LIST_LIMIT) {
            children.remove(random.nextInt(children.size())).detach();
            assertChildren(tree.root(), children);
        }
    }

    @ParameterizedTest(name = "{0} children")
    @ValueSource(ints = {1, 8, 9, 20})
    void addingANameThatIsThereReplacesTheOldChild(int count) {
        List<Node> children = addChildren(tree.root(), "n", count);
        Node old = children.get(count / 2);
        Node fresh = tree.root().addChild(new Node.Name(old.name()));
        assertNull(old.parent(), "the replaced node left the tree");
        children.set(count / 2, fresh);
        assertChildren(tree.root(), children);
    }

    /**
     * A directory with a subtree moves from a parent with {@code from} children to one with
     * {@code to} (or is renamed in place): one re-link, its descendants untouched.
     */
    @ParameterizedTest(name = "from a parent of {0} to one of {1}, same parent: {2}")
    @CsvSource({"1, 1, false", "1, 9, false", "9, 1, false", "9, 8, false", "5, 20, false", "20, 20, false",
            "1, 1, true", "8, 8, true", "9, 9, true", "20, 20, true"})
    void movingADirectoryRelinksItsSubtreeOnce(int from, int to, boolean sameParent) {
        Node source = tree.root().addChild(name("source"));
        Node target = sameParent ? source : tree.root().addChild(name("target"));
        List<Node> sourceChildren = addChildren(source, "s", from);
        List<Node> targetChildren = sameParent ? sourceChildren : addChildren(target, "t", to);
        Node moved = sourceChildren.getFirst();
        Node deep = moved.addChild(name("b")).addChild(name("c"));
        moved.moveTo(target, name("moved"));
        sourceChildren.remove(moved);
        targetChildren.add(moved);
        assertChildren(source, sourceChildren);
        assertChildren(target, targetChildren);
        assertNull(source.child(name("s0")));
        assertEquals(RelativePath.of((sameParent ? "source" : "target") + "/moved/b/c"), tree.pathOf(deep));
    }

    @ParameterizedTest(name = "target with {0} children")
    @ValueSource(ints = {1, 9})
    void movingOntoAnExistingNameReplacesIt(int count) {
        Node target = tree.root().addChild(name("target"));
        List<Node> targetChildren = addChildren(target, "t", count);
        Node moved = tree.root().addChild(name("moved"));
        Node over = targetChildren.getLast();
        moved.moveTo(target, new Node.Name(over.name())); // rename(2) over an empty directory
        assertNull(over.parent());
        targetChildren.set(targetChildren.size() - 1, moved);
        assertChildren(target, targetChildren);
        assertNull(tree.root().child(name("moved")));
    }

    /** Random adds, removals, renames and moves between a few directories, against a model. */
    @Test
    void randomChangesAgreeWithAModel() {
        long seed = Long.getLong("pirsyncd.test.seed", System.nanoTime());
        try {
            Random random = new Random(seed);
            List<Node> parents = new ArrayList<>();
            IdentityHashMap<Node, Map<String, Node>> model = new IdentityHashMap<>();
            for (int i = 0; i < 4; i++) {
                parents.add(tree.root().addChild(name("p" + i)));
                model.put(parents.getLast(), new HashMap<>());
            }
            for (int step = 0; step < 20_000; step++) {
                Node parent = parents.get(random.nextInt(parents.size()));
                Map<String, Node> children = model.get(parent);
                String text = "x" + random.nextInt(40); // 40 names over 4 parents: lists, tables and both ways
                switch (random.nextInt(3)) {
                    case 0 -> {
                        Node old = children.put(text, parent.addChild(name(text)));
                        if (old != null) {
                            assertNull(old.parent(), "replaced");
                        }
                    }
                    case 1 -> {
                        Node gone = children.remove(text);
                        if (gone != null) {
                            gone.detach();
                        }
                    }
                    default -> {
                        Node moving = children.remove(text);
                        if (moving != null) {
                            Node to = parents.get(random.nextInt(parents.size()));
                            String newText = "x" + random.nextInt(40);
                            moving.moveTo(to, name(newText));
                            Node old = model.get(to).put(newText, moving);
                            if (old != null && old != moving) {
                                assertNull(old.parent(), "moved over");
                            }
                        }
                    }
                }
                for (Node p : parents) {
                    assertChildren(p, new ArrayList<>(model.get(p).values()));
                    for (Map.Entry<String, Node> entry : model.get(p).entrySet()) {
                        assertNotNull(p.child(name(entry.getKey())), entry.getKey());
                    }
                }
            }
        } catch (Throwable failure) {
            System.err.println("randomChangesAgreeWithAModel failed with seed " + seed
                    + " (rerun with -Dpirsyncd.test.seed=" + seed + ")");
            throw failure instanceof Error error ? error : new AssertionError(failure);
        }
    }
}
