package io.jenkins.plugins.deploytrain.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.deploytrain.ledger.JsonEnum;

/** What a person can tell a waiting or running train. */
public enum ApprovalAction {
    /** Go past a gate, window question or required approval. */
    PROCEED,
    /** Deploy the target again, with attempt+1. */
    RETRY,
    /** Leave the target as it is and go on with the next one. */
    SKIP,
    /** The target was fixed by hand: count it as succeeded. */
    MARK_SUCCEEDED,
    /** Hold the whole train after the deploy in flight, if any. */
    PAUSE,
    /** Continue a paused train. */
    RESUME,
    /** End the train as failed. */
    ABORT;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static ApprovalAction parse(String text) {
        return JsonEnum.parse(ApprovalAction.class, text);
    }
}
