package pirsyncd.watch;

import java.util.function.Consumer;

/**
 * A hash table of {@link Node}s whose key is read from the node itself: open addressing with
 * linear probing, one reference per slot. A {@code HashMap} costs an entry object (and, for an
 * int key, a boxed {@code Integer}) per node on top of its table; this costs only the slot.
 * The base of the descriptor index ({@link NodesByWd}) and of a big directory's children
 * ({@link ChildTable}).
 *
 * <p>Removal shifts the rest of the probe run back into the hole (Knuth's Algorithm R, "backward
 * shift deletion") instead of leaving a tombstone: watches and directories come and go for as
 * long as the daemon runs, and tombstones would make every lookup slower until the next resize.
 * The capacity is a power of two; the table doubles when more than 3/4 full and halves when less
 * than 1/8 full, never below its minimum. The slot of a key is its hash times the golden ratio,
 * top bits (Fibonacci hashing), which spreads consecutive descriptors and similar names evenly.
 *
 * <p>A node's key (its descriptor, its name) must not change while it is in the table: the owner
 * removes it, changes the key and adds it again. Owned by the reader thread, like the tree.
 */
abstract class NodeTable {
    private static final int GOLDEN_RATIO = 0x9E3779B9;

    private final int minimumCapacity;
    private Node[] slots;
    private int size;

    /** @param minimumCapacity a power of two, at least 4 */
    NodeTable(int minimumCapacity) {
        if (minimumCapacity < 4 || Integer.bitCount(minimumCapacity) != 1) {
            throw new IllegalArgumentException("minimum capacity must be a power of two >= 4: " + minimumCapacity);
        }
        this.minimumCapacity = minimumCapacity;
        this.slots = new Node[minimumCapacity];
    }

    /** The hash of the node's key, as computed for the lookups of the subclass. */
    abstract int keyHash(Node node);

    /** Whether two nodes have the same key. */
    abstract boolean sameKey(Node a, Node b);

    final int size() {
        return size;
    }

    /** Slots in the table now, for the footprint estimate. */
    final int capacity() {
        return slots.length;
    }

    /** The slot where the probe for a key with this hash starts. */
    final int home(int hash) {
        return (hash * GOLDEN_RATIO) >>> Integer.numberOfLeadingZeros(slots.length - 1);
    }

    /** The slot after {@code slot}, wrapping around. */
    final int next(int slot) {
        return (slot + 1) & (slots.length - 1);
    }

    /** The node in {@code slot}, or null; a probe ends at the first null (the table is never full). */
    final Node at(int slot) {
        return slots[slot];
    }

    /** Adds {@code node}, replacing a node with the same key; returns the replaced node or null. */
    final Node put(Node node) {
        int slot = home(keyHash(node));
        for (Node present = slots[slot]; present != null; present = slots[slot]) {
            if (sameKey(present, node)) {
                slots[slot] = node;
                return present;
            }
            slot = next(slot);
        }
        slots[slot] = node;
        size++;
        if (size > maxFill(slots.length)) {
            resize(slots.length * 2);
        }
        return null;
    }

    /** Removes exactly this node (not another with the same key); false if it is not in the table. */
    final boolean remove(Node node) {
        int slot = home(keyHash(node));
        for (Node present = slots[slot]; present != node; present = slots[slot]) {
            if (present == null) {
                return false;
            }
            slot = next(slot);
        }
        shiftBackInto(slot);
        size--;
        if (size < slots.length / 8 && slots.length > minimumCapacity) {
            resize(capacityFor(size));
        }
        return true;
    }

    /**
     * Empties {@code hole} and moves later nodes of the same probe run back so every node stays
     * reachable from its home slot: a node may move into the hole unless its home lies
     * (cyclically) after the hole, between the hole and where the node is.
     */
    private void shiftBackInto(int hole) {
        int mask = slots.length - 1;
        for (int slot = next(hole); slots[slot] != null; slot = next(slot)) {
            int home = home(keyHash(slots[slot]));
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                slots[hole] = slots[slot];
                hole = slot;
            }
        }
        slots[hole] = null;
    }

    /** Calls {@code action} for every node, in slot order; the action must not change this table. */
    final void forEach(Consumer<Node> action) {
        for (Node node : slots) {
            if (node != null) {
                action.accept(node);
            }
        }
    }

    /** The capacity this table would have for {@code entries}: a power of two, no more than 3/4 full. */
    final int capacityFor(int entries) {
        int capacity = minimumCapacity;
        while (entries > maxFill(capacity)) {
            capacity *= 2;
        }
        return capacity;
    }

    private static int maxFill(int capacity) {
        return capacity - capacity / 4;
    }

    private void resize(int capacity) {
        Node[] old = slots;
        slots = new Node[capacity];
        for (Node node : old) {
            if (node != null) {
                int slot = home(keyHash(node));
                while (slots[slot] != null) {
                    slot = next(slot);
                }
                slots[slot] = node;
            }
        }
    }
}
