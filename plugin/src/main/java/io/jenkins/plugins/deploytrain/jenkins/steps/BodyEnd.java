package io.jenkins.plugins.deploytrain.jenkins.steps;

import java.io.Serializable;

/**
 * A body's end, as the program keeps it until the stepper has recorded it: a plain class rather than a record,
 * since the CPS program is written with JBoss Marshalling.
 */
final class BodyEnd implements Serializable {
    private static final long serialVersionUID = 1L;

    final String target;
    final int attempt;
    /** Where a plan body wrote its plan (TRAIN_PLAN_JSON); null for any other body. */
    final String planJson;
    /** The body's failure, null when it succeeded. */
    final String failure;

    BodyEnd(String target, int attempt, String planJson, String failure) {
        this.target = target;
        this.attempt = attempt;
        this.planJson = planJson;
        this.failure = failure;
    }
}
