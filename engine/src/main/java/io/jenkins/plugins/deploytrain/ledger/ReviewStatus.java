package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a terraform target's latest plan stands with people. */
public enum ReviewStatus {
    /** A person must look at the plan (its diff is on the plan record). */
    WAITING,
    /** The plan is identical (but for the target's names) to a plan approved earlier in the train. */
    AUTO_APPROVED,
    /** A person approved this plan. */
    APPROVED;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static ReviewStatus parse(String text) {
        return JsonEnum.parse(ReviewStatus.class, text);
    }

    public boolean approves() {
        return this != WAITING;
    }
}
