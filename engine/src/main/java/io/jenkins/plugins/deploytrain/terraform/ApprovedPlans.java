package io.jenkins.plugins.deploytrain.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approvals a train has collected, in the order given; a plain value the ledger persists as
 * JSON ({@code {"plans":[{"fingerprint":..., "approvedBy":..., "approvedAt":..., "target":...}]}}).
 */
public record ApprovedPlans(List<ApprovedPlan> plans) {

    public ApprovedPlans {
        plans = List.copyOf(plans);
    }

    public static ApprovedPlans empty() {
        return new ApprovedPlans(List.of());
    }

    /** The first approval of this fingerprint, if any. */
    public Optional<ApprovedPlan> find(String fingerprint) {
        return plans.stream().filter(p -> p.fingerprint().equals(fingerprint)).findFirst();
    }

    /** A registry with one more approval; approving a fingerprint again keeps the first approval. */
    public ApprovedPlans with(ApprovedPlan approval) {
        if (find(approval.fingerprint()).isPresent()) {
            return this;
        }
        List<ApprovedPlan> more = new ArrayList<>(plans);
        more.add(approval);
        return new ApprovedPlans(more);
    }
}
