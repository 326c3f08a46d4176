package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The status of one target (environment x zone) of a train. */
public enum TargetStatus {
    PENDING, DEPLOYING, SOAKING, VERIFYING, SUCCEEDED, FAILED, SKIPPED, PAUSED, AWAITING_APPROVAL;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static TargetStatus parse(String text) {
        return JsonEnum.parse(TargetStatus.class, text);
    }

    /** Done for the train's progress: nothing more will run on this target. */
    public boolean done() {
        return this == SUCCEEDED || this == SKIPPED;
    }
}
