package io.jenkins.plugins.deploytrain.terraform;

import java.util.List;

/** The outcome of comparing a candidate plan with the approved ones. */
public sealed interface PlanComparison {

    PlanDigest candidate();

    /** Resources that changed outside Terraform in the candidate's target: shown, never compared. */
    default List<String> candidateDrift() {
        return List.copyOf(candidate().drift().keySet());
    }

    /** The candidate normalises to exactly the approved plan: it may be applied without a new review. */
    record Identical(PlanDigest candidate, PlanDigest approved) implements PlanComparison {}

    /**
     * The candidate differs from every approved plan; {@code closest} is the one with the fewest
     * differing changes, and {@code differences} says how, by address and attribute.
     */
    record Different(PlanDigest candidate, PlanDigest closest, List<ResourceDifference> differences) implements PlanComparison {
        public Different {
            differences = List.copyOf(differences);
        }
    }
}
