package io.jenkins.plugins.deploytrain.shadow;

import java.util.List;

/** The differences of one pair, split into those no rule accepts and those a rule accepts. */
public record PairDiff(List<Difference> unexpected, List<AcceptedDifference> accepted) {

    public PairDiff {
        unexpected = List.copyOf(unexpected);
        accepted = List.copyOf(accepted);
    }

    public PairOutcome outcome() {
        if (!unexpected.isEmpty()) {
            return PairOutcome.UNEXPECTED;
        }
        return accepted.isEmpty() ? PairOutcome.EQUAL : PairOutcome.EQUAL_AFTER_RULES;
    }
}
