package io.jenkins.plugins.deploytrain.jenkins.steps;

import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Reports one body's end to the execution. It holds the execution itself, as the CPS program serializes both in
 * one graph, so after a restart it reaches the resumed execution.
 */
final class TargetCallback extends BodyExecutionCallback {

    private static final long serialVersionUID = 1L;

    private final DeployTrainStepExecution execution;
    private final String target;
    private final int attempt;
    /** Where a plan body writes its plan; null for any other body. */
    private final String planJson;

    TargetCallback(DeployTrainStepExecution execution, String target, int attempt, String planJson) {
        this.execution = execution;
        this.target = target;
        this.attempt = attempt;
        this.planJson = planJson;
    }

    @Override
    public void onSuccess(StepContext context, Object result) {
        execution.bodyEnded(new BodyEnd(target, attempt, planJson, null), null);
    }

    @Override
    public void onFailure(StepContext context, Throwable t) {
        execution.bodyEnded(new BodyEnd(target, attempt, null, String.valueOf(t.getMessage())), t);
    }
}
