package io.jenkins.plugins.deploytrain.shadow;

import java.util.ArrayList;
import java.util.List;

/**
 * All rule globs run as one automaton over the path being walked: the differ steps it once per
 * object key or array index, so a path is never re-matched from the root, and a subtree that no
 * glob can reach any more is walked with no rule work at all.
 */
final class RuleMatcher {

    /** Which positions of which globs the path walked so far has reached. Immutable. */
    static final class State {
        private final long[] positions;
        private List<Rule> complete;

        private State(long[] positions) {
            this.positions = positions;
        }

        boolean isDead() {
            return positions == null;
        }
    }

    private static final State DEAD = new State(null);

    private final Rule[] rules;
    private final PathGlob.Segment[][] globs;
    private final State start;

    RuleMatcher(List<Rule> rules) {
        this.rules = rules.toArray(Rule[]::new);
        this.globs = new PathGlob.Segment[this.rules.length][];
        long[] initial = new long[this.rules.length];
        for (int r = 0; r < this.rules.length; r++) {
            globs[r] = this.rules[r].path().segments().toArray(PathGlob.Segment[]::new);
            initial[r] = closure(r, 1L);
        }
        this.start = this.rules.length == 0 ? DEAD : new State(initial);
    }

    State start() {
        return start;
    }

    State step(State state, String segment) {
        if (state.isDead()) {
            return DEAD;
        }
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
        return next == null ? DEAD : new State(next);
    }

    /** The rules whose whole glob matches the path of this state, in file order. */
    List<Rule> complete(State state) {
        if (state.isDead()) {
            return List.of();
        }
        if (state.complete == null) {
            List<Rule> found = new ArrayList<>(2);
            for (int r = 0; r < rules.length; r++) {
                if ((state.positions[r] & (1L << globs[r].length)) != 0) {
                    found.add(rules[r]);
                }
            }
            state.complete = found.isEmpty() ? List.of() : found;
        }
        return state.complete;
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
