package io.jenkins.plugins.deploytrain.reconcile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.deploytrain.ledger.JsonEnum;

/** What starting a train does while another train of the job has not finished. */
public enum SecondTrainPolicy {
    /** The new train waits until every earlier train finished, then runs. */
    QUEUE,
    /** The earlier unfinished trains end as superseded (a deploy in flight finishes first); the new one runs. */
    SUPERSEDE;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static SecondTrainPolicy parse(String text) {
        return JsonEnum.parse(SecondTrainPolicy.class, text);
    }
}
