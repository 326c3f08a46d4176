package io.jenkins.plugins.deploytrain.shadow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All rule globs run as one automaton over the path being walked: the differ steps it once per
 * object key or array index, so a path is never re-matched from the root, and a subtree that no
 * glob can reach any more is walked with no rule work at all. Responses of one API repeat the same
 * keys, so states are shared and each state remembers its transitions by key (up to a bound, so a
 * stream of ever-new keys cannot grow memory without limit). Thread-safe.
 */
final class RuleMatcher {

    static final int MAX_STATES = 1024;
    static final int MAX_TRANSITIONS_PER_STATE = 128;

    /** Which positions of which globs the path walked so far has reached. */
    static final class State {
        private final long[] positions;
        private final List<Rule> complete;
        private final Map<String, State> next = new ConcurrentHashMap<>();

        private State(long[] positions, List<Rule> complete) {
            this.positions = positions;
            this.complete = complete;
        }

        boolean isDead() {
            return positions == null;
        }
    }

    private record Key(long[] positions) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(positions, k.positions);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(positions);
        }
    }

    private static final State DEAD = new State(null, List.of());

    private final Rule[] rules;
    private final PathGlob.Segment[][] globs;
    private final Map<Key, State> states = new ConcurrentHashMap<>();
    private final State start;

    RuleMatcher(List<Rule> rules) {
        this.rules = rules.toArray(Rule[]::new);
        this.globs = new PathGlob.Segment[this.rules.length][];
        long[] initial = new long[this.rules.length];
        for (int r = 0; r < this.rules.length; r++) {
            globs[r] = this.rules[r].path().segments().toArray(PathGlob.Segment[]::new);
            initial[r] = closure(r, 1L);
        }
        this.start = this.rules.length == 0 ? DEAD : state(initial);
    }

    State start() {
        return start;
    }

    State step(State state, String segment) {
        if (state.isDead()) {
            return DEAD;
        }
        State known = state.next.get(segment);
        if (known != null) {
            return known;
        }
        State next = compute(state, segment);
        if (state.next.size() < MAX_TRANSITIONS_PER_STATE) {
            state.next.putIfAbsent(segment, next);
        }
        return next;
    }

    /** The rules whose whole glob matches the path of this state, in file order. */
    List<Rule> complete(State state) {
        return state.complete;
    }

    private State compute(State state, String segment) {
        long[] next = null;
        for (int r = 0; r < rules.length; r++) {
            long mask = state.positions[r];
            if (mask == 0) {
                continue;
            }
            PathGlob.Segment[] glob = globs[r];
            long reached = 0;
            for (int p = 0; p < glob.length; p++) {
                if ((mask & (1L << p)) == 0) {
                    continue;
                }
                PathGlob.Segment s = glob[p];
                if (s instanceof PathGlob.AnyMany) {
                    reached |= 1L << p;
                } else if (s.matches(segment)) {
                    reached |= 1L << (p + 1);
                }
            }
            if (reached != 0) {
                if (next == null) {
                    next = new long[rules.length];
                }
                next[r] = closure(r, reached);
            }
        }
        return next == null ? DEAD : state(next);
    }

    private State state(long[] positions) {
        Key key = new Key(positions);
        State known = states.get(key);
        if (known != null) {
            return known;
        }
        State fresh = new State(positions, completeRules(positions));
        if (states.size() >= MAX_STATES) {
            return fresh;
        }
        State raced = states.putIfAbsent(key, fresh);
        return raced == null ? fresh : raced;
    }

    private List<Rule> completeRules(long[] positions) {
        List<Rule> found = new ArrayList<>(2);
        for (int r = 0; r < rules.length; r++) {
            if ((positions[r] & (1L << globs[r].length)) != 0) {
                found.add(rules[r]);
            }
        }
        return found.isEmpty() ? List.of() : List.copyOf(found);
    }

    /** '**' also matches no segment at all: reaching it reaches the position after it. */
    private long closure(int r, long mask) {
        PathGlob.Segment[] glob = globs[r];
        for (int p = 0; p < glob.length; p++) {
            if ((mask & (1L << p)) != 0 && glob[p] instanceof PathGlob.AnyMany) {
                mask |= 1L << (p + 1);
            }
        }
        return mask;
    }
}
