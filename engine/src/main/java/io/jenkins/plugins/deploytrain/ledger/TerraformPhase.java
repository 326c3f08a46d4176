package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which body a terraform target runs next (or runs now): the plan, or the apply of a reviewed plan. */
public enum TerraformPhase {
    PLAN, APPLY;

    @JsonValue
    public String json() {
        return JsonEnum.spell(this);
    }

    @JsonCreator
    public static TerraformPhase parse(String text) {
        return JsonEnum.parse(TerraformPhase.class, text);
    }
}
