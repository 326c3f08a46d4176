package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The status of a whole train. */
public enum TrainStatus {
    QUEUED, RUNNING, PAUSED, AWAITING_APPROVAL, SUCCEEDED, FAILED, STOPPED, SUPERSEDED;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static TrainStatus parse(String text) {
        return JsonEnum.parse(TrainStatus.class, text);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == STOPPED || this == SUPERSEDED;
    }
}
