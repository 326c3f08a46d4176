package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How one deploy attempt ended; {@code running} is the write-ahead intent, {@code lost} an attempt whose worker died. */
public enum AttemptOutcome {
    RUNNING, SUCCEEDED, FAILED, LOST;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static AttemptOutcome parse(String text) {
        return JsonEnum.parse(AttemptOutcome.class, text);
    }
}
