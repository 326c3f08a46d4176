package io.jenkins.plugins.deploytrain.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How one list of a train changed in one transition: its new {@code size} and the elements at the positions that
 * differ ({@code set}); every other position keeps the element it had. An append is the new positions, a target
 * that changed is its one position, so a transition's record stays the size of what changed, not of the train.
 */
record ListChange<T>(int size, SortedMap<Integer, T> set) {

    ListChange {
        set = set == null ? new TreeMap<>() : set;
    }

    /**
     * The positions whose element is not the same object (or an equal one) as before. Comparing by identity first
     * makes this a pass of pointer comparisons: the model replaces only what a transition changes.
     */
    static <T> ListChange<T> between(List<T> before, List<T> after) {
        SortedMap<Integer, T> changed = new TreeMap<>();
        if (before instanceof TargetList b && after instanceof TargetList a && a.size() == b.size()) {
            for (int i : b.differences(a)) {
                changed.put(i, after.get(i));
            }
            return new ListChange<>(after.size(), changed);
        }
        for (int i = 0; i < after.size(); i++) {
            T now = after.get(i);
            if (i >= before.size() || !sameOrEqual(before.get(i), now)) {
                changed.put(i, now);
            }
        }
        return new ListChange<>(after.size(), changed);
    }

    static <T> boolean unchanged(List<T> before, List<T> after) {
        if (before == after) {
            return true;
        }
        if (before.size() != after.size()) {
            return false;
        }
        if (before instanceof TargetList b && after instanceof TargetList a) {
            return b.differences(a).isEmpty();
        }
        for (int i = 0; i < after.size(); i++) {
            if (!sameOrEqual(before.get(i), after.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameOrEqual(Object a, Object b) {
        return a == b || Objects.equals(a, b);
    }

    /** The list after the change, from the list before it. */
    List<T> applyTo(List<T> before, String what) {
        if (before instanceof TargetList targets && size == targets.size()) {
            return withEach(targets, what);
        }
        List<T> after = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            T replaced = set.get(i);
            if (replaced != null) {
                after.add(replaced);
            } else if (i < before.size()) {
                after.add(before.get(i));
            } else {
                throw new IllegalArgumentException(what + " has no element " + i + " to keep (it has " + before.size() + ")");
            }
        }
        for (Map.Entry<Integer, T> e : set.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= size) {
                throw new IllegalArgumentException(what + " sets element " + e.getKey() + " outside its size " + size);
            }
        }
        return after;
    }

    /** The targets with the changed positions replaced, the rest shared: the cost of the change, not of the train. */
    @SuppressWarnings("unchecked")
    private List<T> withEach(TargetList before, String what) {
        TargetList after = before;
        for (Map.Entry<Integer, T> e : set.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= size) {
                throw new IllegalArgumentException(what + " sets element " + e.getKey() + " outside its size " + size);
            }
            if (e.getValue() == null) {
                continue; // as in a plain list: nothing set, the element is kept
            }
            if (!(e.getValue() instanceof TargetRecord target)) {
                throw new IllegalArgumentException(what + " sets element " + e.getKey() + " to " + e.getValue() + ", not a target");
            }
            after = after.with(e.getKey(), target);
        }
        return (List<T>) after;
    }
}
