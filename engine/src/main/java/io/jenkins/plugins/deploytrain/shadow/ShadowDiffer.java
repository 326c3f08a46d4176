package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the primary's response with the shadow's under a set of active rules. Objects are
 * compared key by key, arrays index by index unless an {@code unordered} rule matches them, numbers
 * by value ({@code 1 == 1.0}). An {@code ignore} rule stops the walk at its path: the whole subtree,
 * if it differs, is one accepted difference there. Thread-safe: one differ serves many pairs.
 */
public final class ShadowDiffer {

    private static final JsonNode ABSENT = MissingNode.getInstance();
    private static final String[] INDEX = new String[1024];

    static {
        for (int i = 0; i < INDEX.length; i++) {
            INDEX[i] = Integer.toString(i);
        }
    }

    /** Value equality for scalars, numbers by magnitude; containers are recursed by JsonNode.equals. */
    private static final Comparator<JsonNode> SAME_VALUE = (x, y) -> sameScalar(x, y) ? 0 : 1;

    private final RuleMatcher matcher;

    public ShadowDiffer(List<Rule> activeRules) {
        this.matcher = new RuleMatcher(activeRules);
    }

    public PairDiff compare(JsonNode primary, JsonNode shadow) {
        Walk walk = new Walk(new String[16], 0);
        walk.node(primary, shadow, matcher.start());
        return new PairDiff(walk.unexpected, walk.accepted);
    }

    private static String index(int i) {
        return i < INDEX.length ? INDEX[i] : Integer.toString(i);
    }

    private static boolean sameScalar(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            if (x.canConvertToExactIntegral() && y.canConvertToExactIntegral() && x.canConvertToLong() && y.canConvertToLong()) {
                return x.longValue() == y.longValue();
            }
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }

    private static boolean sameTree(JsonNode x, JsonNode y) {
        return x.equals(SAME_VALUE, y);
    }

    /** One walk over one pair; the path is a stack of unescaped segments. */
    private final class Walk {
        private String[] path;
        private int depth;
        final List<Difference> unexpected = new ArrayList<>();
        final List<AcceptedDifference> accepted = new ArrayList<>();

        Walk(String[] path, int depth) {
            this.path = path;
            this.depth = depth;
        }

        void node(JsonNode a, JsonNode b, RuleMatcher.State state) {
            List<Rule> here = matcher.complete(state);
            Rule ignore = first(here, RuleAction.Ignore.class);
            if (ignore != null) {
                if (a.isMissingNode() != b.isMissingNode() || !sameTree(a, b)) {
                    accepted.add(new AcceptedDifference(difference(a, b), ignore));
                }
                return;
            }
            if (a.isMissingNode() || b.isMissingNode()) {
                leaf(difference(a, b), here);
            } else if (a.isObject() && b.isObject()) {
                objects(a, b, state);
            } else if (a.isArray() && b.isArray()) {
                Rule unordered = first(here, RuleAction.Unordered.class);
                if (unordered != null) {
                    unordered(a, b, state, unordered);
                } else {
                    ordered(a, b, state);
                }
            } else if (a.isContainerNode() || b.isContainerNode() || !sameScalar(a, b)) {
                leaf(Difference.changed(pointer(), a, b), here);
            }
        }

        private void objects(JsonNode a, JsonNode b, RuleMatcher.State state) {
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                String key = field.getKey();
                JsonNode other = b.get(key);
                child(key, field.getValue(), other == null ? ABSENT : other, state);
            }
            for (Map.Entry<String, JsonNode> field : b.properties()) {
                if (!a.has(field.getKey())) {
                    child(field.getKey(), ABSENT, field.getValue(), state);
                }
            }
        }

        /** Common indices first, then additions upwards or removals downwards, so the list applies in order. */
        private void ordered(JsonNode a, JsonNode b, RuleMatcher.State state) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                child(index(i), a.get(i), b.get(i), state);
            }
            for (int i = common; i < b.size(); i++) {
                child(index(i), ABSENT, b.get(i), state);
            }
            for (int i = a.size() - 1; i >= common; i--) {
                child(index(i), a.get(i), ABSENT, state);
            }
        }

        /**
         * Pairs each primary element with a shadow element it equals under the rules (a maximum
         * matching, so adding a rule never unpairs more elements); the rest are removed or added.
         * Paired elements are reported at the primary's index; a new order is itself a difference,
         * accepted by the rule, so the pair counts as equal after rules and the rule as used.
         */
        private void unordered(JsonNode a, JsonNode b, RuleMatcher.State state, Rule rule) {
            int n = a.size();
            int m = b.size();
            int[] pairOfA = new int[n];
            int[] pairOfB = new int[m];
            Arrays.fill(pairOfA, -1);
            Arrays.fill(pairOfB, -1);
            Map<JsonNode, ArrayDeque<Integer>> byValue = new HashMap<>();
            for (int j = 0; j < m; j++) {
                byValue.computeIfAbsent(b.get(j), k -> new ArrayDeque<>()).add(j);
            }
            for (int i = 0; i < n; i++) {
                ArrayDeque<Integer> same = byValue.get(a.get(i));
                if (same != null && !same.isEmpty()) {
                    int j = same.poll();
                    pairOfA[i] = j;
                    pairOfB[j] = i;
                }
            }
            Map<Long, Walk> tried = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (pairOfA[i] < 0) {
                    augment(i, a, b, state, pairOfA, pairOfB, new boolean[m], tried);
                }
            }
            boolean reordered = false;
            for (int i = 0; i < n; i++) {
                int j = pairOfA[i];
                reordered |= j >= 0 && j != i;
                if (j < 0) {
                    child(index(i), a.get(i), ABSENT, state);
                } else {
                    Walk sub = tried.get(key(i, j));
                    if (sub != null) {
                        unexpected.addAll(sub.unexpected);
                        accepted.addAll(sub.accepted);
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                if (pairOfB[j] < 0) {
                    child(index(j), ABSENT, b.get(j), state);
                }
            }
            if (reordered) {
                accepted.add(new AcceptedDifference(Difference.changed(pointer(), a, b), rule));
            }
        }

        /** Kuhn's augmenting path from primary element i. */
        private boolean augment(int i, JsonNode a, JsonNode b, RuleMatcher.State state,
                int[] pairOfA, int[] pairOfB, boolean[] seen, Map<Long, Walk> tried) {
            for (int j = 0; j < b.size(); j++) {
                if (seen[j] || !pairable(i, j, a, b, state, tried)) {
                    continue;
                }
                seen[j] = true;
                if (pairOfB[j] < 0 || augment(pairOfB[j], a, b, state, pairOfA, pairOfB, seen, tried)) {
                    pairOfA[i] = j;
                    pairOfB[j] = i;
                    return true;
                }
            }
            return false;
        }

        private boolean pairable(int i, int j, JsonNode a, JsonNode b, RuleMatcher.State state, Map<Long, Walk> tried) {
            Walk sub = tried.get(key(i, j));
            if (sub == null) {
                sub = new Walk(Arrays.copyOf(path, Math.max(path.length, depth + 1)), depth);
                sub.child(index(i), a.get(i), b.get(j), state);
                tried.put(key(i, j), sub);
            }
            return sub.unexpected.isEmpty();
        }

        private static long key(int i, int j) {
            return ((long) i << 32) | j;
        }

        private void child(String segment, JsonNode a, JsonNode b, RuleMatcher.State state) {
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = segment;
            node(a, b, matcher.step(state, segment));
            depth--;
        }

        private Difference difference(JsonNode a, JsonNode b) {
            if (a.isMissingNode()) {
                return Difference.added(pointer(), b);
            }
            if (b.isMissingNode()) {
                return Difference.removed(pointer(), a);
            }
            return Difference.changed(pointer(), a, b);
        }

        private void leaf(Difference d, List<Rule> here) {
            for (Rule rule : here) {
                if (rule.action().accepts(d)) {
                    accepted.add(new AcceptedDifference(d, rule));
                    return;
                }
            }
            unexpected.add(d);
        }

        private String pointer() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                s.append('/').append(JsonPointers.escape(path[i]));
            }
            return s.toString();
        }
    }

    private static Rule first(List<Rule> rules, Class<? extends RuleAction> action) {
        for (Rule rule : rules) {
            if (action.isInstance(rule.action())) {
                return rule;
            }
        }
        return null;
    }
}
