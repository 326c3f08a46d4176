package io.jenkins.plugins.deploytrain.ledger;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * The targets of a train: an immutable list in which one target moving on costs the same at 3,000 targets as at
 * 72. The elements sit in a tree of nodes of {@value #WIDTH}, so {@link #with} copies the few nodes on the path to
 * the one position (three levels for up to 32,768 targets) and shares every other node with the list it came from;
 * {@link #positionOf} finds a target by id through an index shared the same way (a target keeps its id); and
 * {@link #differences} tells at which positions two versions hold different elements by comparing shared nodes by
 * identity, so a journal record is computed from the path that changed, not from a pass over the train.
 *
 * <p>Observably it is the plain list it holds: equal to and hashing as any list with the same elements, read-only,
 * no nulls.
 */
public final class TargetList extends AbstractList<TargetRecord> implements RandomAccess {

    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final TargetList EMPTY = new TargetList(new Object[0], 0, 0, null);

    /** Leaves hold the records, inner nodes hold nodes; every node but the last of its level is full. */
    private final Object[] root;
    private final int size;
    /** How far to shift a position for the root's slot: 0 when the root is a leaf. */
    private final int shift;
    /** The first position of each id, built on the first look-up and handed on while the ids stay where they are. */
    private volatile Map<String, Integer> index;

    private TargetList(Object[] root, int size, int shift, Map<String, Integer> index) {
        this.root = root;
        this.size = size;
        this.shift = shift;
        this.index = index;
    }

    /** The list itself when it is one already (nothing to copy), else the elements of {@code targets} in order. */
    public static TargetList of(List<TargetRecord> targets) {
        if (targets instanceof TargetList list) {
            return list;
        }
        if (targets.isEmpty()) {
            return EMPTY;
        }
        Object[] level = targets.toArray();
        for (Object t : level) {
            Objects.requireNonNull(t, "a target");
        }
        int shift = 0;
        level = grouped(level);
        while (level.length > 1) {
            level = grouped(level);
            shift += BITS;
        }
        return new TargetList((Object[]) level[0], targets.size(), shift, null);
    }

    /** The nodes of the level above: {@code items} in groups of {@value #WIDTH}, the last one possibly shorter. */
    private static Object[] grouped(Object[] items) {
        Object[] groups = new Object[(items.length + MASK) >>> BITS];
        for (int g = 0; g < groups.length; g++) {
            int from = g << BITS;
            Object[] node = new Object[Math.min(WIDTH, items.length - from)];
            System.arraycopy(items, from, node, 0, node.length);
            groups[g] = node;
        }
        return groups;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public TargetRecord get(int position) {
        Objects.checkIndex(position, size);
        Object[] node = root;
        for (int s = shift; s > 0; s -= BITS) {
            node = (Object[]) node[(position >>> s) & MASK];
        }
        return (TargetRecord) node[position & MASK];
    }

    /** The list with {@code target} at {@code position}: the path to it copied, every other node shared. */
    public TargetList with(int position, TargetRecord target) {
        Objects.checkIndex(position, size);
        Objects.requireNonNull(target, "a target");
        Map<String, Integer> known = index;
        boolean sameId = get(position).id().equals(target.id());
        return new TargetList(set(root, shift, position, target), size, shift, sameId ? known : null);
    }

    private static Object[] set(Object[] node, int shift, int position, TargetRecord target) {
        Object[] copy = node.clone();
        int slot = (position >>> shift) & MASK;
        copy[slot] = shift == 0 ? target : set((Object[]) node[slot], shift - BITS, position, target);
        return copy;
    }

    /** The first position of the target with this id, or -1 when there is none. */
    public int positionOf(String targetId) {
        Integer position = index().get(targetId);
        return position == null ? -1 : position;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> known = index;
        if (known == null) {
            Map<String, Integer> built = new HashMap<>(size * 2);
            int i = 0;
            for (TargetRecord t : this) {
                built.putIfAbsent(t.id(), i++);
            }
            known = built;
            index = known;
        }
        return known;
    }

    /**
     * The positions, in order, at which {@code other} (of the same size) holds an element that is neither the same
     * object nor an equal one. Nodes the two lists share are not looked into, so two versions a transition apart
     * cost the path to what changed.
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public List<Integer> differences(TargetList other) {
        if (other.size != size) {
            throw new IllegalArgumentException("lists of " + size + " and " + other.size + " targets have no positions in common");
        }
        List<Integer> positions = new ArrayList<>(1);
        differences(root, other.root, shift, 0, positions);
        return positions;
    }

    private static void differences(Object[] a, Object[] b, int shift, int base, List<Integer> out) {
        if (a == b) {
            return;
        }
        for (int i = 0; i < b.length; i++) {
            if (a[i] == b[i]) {
                continue;
            }
            if (shift == 0) {
                if (!a[i].equals(b[i])) {
                    out.add(base + i);
                }
            } else {
                differences((Object[]) a[i], (Object[]) b[i], shift - BITS, base + (i << shift), out);
            }
        }
    }

    @Override
    public Iterator<TargetRecord> iterator() {
        return new Iterator<>() {
            private int next;
            private Object[] leaf;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public TargetRecord next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                if ((next & MASK) == 0 || leaf == null) {
                    leaf = leafOf(next);
                }
                return (TargetRecord) leaf[next++ & MASK];
            }
        };
    }

    @Override
    public void forEach(Consumer<? super TargetRecord> action) {
        for (int at = 0; at < size; at += WIDTH) {
            for (Object t : leafOf(at)) {
                action.accept((TargetRecord) t);
            }
        }
    }

    private Object[] leafOf(int position) {
        Object[] node = root;
        for (int s = shift; s > 0; s -= BITS) {
            node = (Object[]) node[(position >>> s) & MASK];
        }
        return node;
    }
}
