package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The terraform side of a target of a terraform train: each target is planned, its plan reviewed (by
 * comparison with the plans approved earlier in the train, or by a person), then applied.
 *
 * @param tokens placeholder name to the literal it stands for in this target's plans ({@code env},
 *     {@code region}, {@code zone1}..., fleet labels), snapshotted when the train starts; sorted so the
 *     ledger's canonical form (and its checksum) does not depend on map order
 * @param autoApproveIdenticalPlans whether a plan identical to an approved one is applied without a person
 * @param phase the body the target runs next, or runs now while deploying
 * @param plans how many plan bodies were started for this target
 * @param plan the latest plan that was read; null before the first plan and while re-planning
 * @param review the latest plan's review; null while there is no plan
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TerraformRecord(Map<String, String> tokens, boolean autoApproveIdenticalPlans, TerraformPhase phase,
        int plans, PlanRecord plan, PlanReview review) {

    public TerraformRecord {
        tokens = Collections.unmodifiableSortedMap(new TreeMap<>(tokens == null ? Map.of() : tokens));
        phase = phase == null ? TerraformPhase.PLAN : phase;
    }

    public static TerraformRecord of(Map<String, String> tokens, boolean autoApproveIdenticalPlans) {
        return new TerraformRecord(tokens, autoApproveIdenticalPlans, TerraformPhase.PLAN, 0, null, null);
    }

    /** A plan body starts: whatever was planned or approved before no longer describes the target. */
    public TerraformRecord planning() {
        return new TerraformRecord(tokens, autoApproveIdenticalPlans, TerraformPhase.PLAN, plans + 1, null, null);
    }

    /** The plan was read and compared; an approving review makes the apply next. */
    public TerraformRecord planned(PlanRecord read, PlanReview verdict) {
        return new TerraformRecord(tokens, autoApproveIdenticalPlans,
                verdict.status().approves() ? TerraformPhase.APPLY : TerraformPhase.PLAN, plans, read, verdict);
    }

    /** A person approved the plan that waited: the apply is next. */
    public TerraformRecord approvedBy(String who, Instant at) {
        return new TerraformRecord(tokens, autoApproveIdenticalPlans, TerraformPhase.APPLY, plans, plan,
                new PlanReview(ReviewStatus.APPROVED, null, who, at));
    }

    /** A retry: the next body plans again, and that plan is reviewed on its own. */
    public TerraformRecord replan() {
        return new TerraformRecord(tokens, autoApproveIdenticalPlans, TerraformPhase.PLAN, plans, null, null);
    }

    @JsonIgnore
    public boolean awaitingReview() {
        return review != null && review.status() == ReviewStatus.WAITING;
    }

    /** The plan others may match: read, and approved by a person or as identical to an approved one. */
    @JsonIgnore
    public boolean hasApprovedPlan() {
        return plan != null && review != null && review.status().approves();
    }
}
