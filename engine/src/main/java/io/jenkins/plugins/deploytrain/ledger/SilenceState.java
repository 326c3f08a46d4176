package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where one silence of a train stands. {@code intended} and {@code expiring} are the write-ahead marks: the
 * call to Alertmanager or Datadog may have happened, so a successor finishes it (adopting what was created,
 * expiring again) instead of trusting it did not.
 */
public enum SilenceState {
    /** Recorded before asking for the silence; no id known yet. */
    INTENDED,
    /** Created (or adopted after a crash): mutes what fired until {@code until}. */
    ACTIVE,
    /** Nothing could be silenced (a query gate, nothing firing any more, the system refused); {@code note} says why. */
    NOTHING,
    /** Recorded before asking to expire it. */
    EXPIRING,
    /** Expired by the train, or ended by itself at {@code until}. */
    EXPIRED,
    /** Expiring failed; it still ends by itself at {@code until}. */
    EXPIRE_FAILED;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static SilenceState parse(String text) {
        return JsonEnum.parse(SilenceState.class, text);
    }

    public boolean settled() {
        return this == NOTHING || this == EXPIRED || this == EXPIRE_FAILED;
    }
}
