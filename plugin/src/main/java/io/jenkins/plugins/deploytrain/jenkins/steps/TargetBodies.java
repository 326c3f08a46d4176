package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.FilePath;
import io.jenkins.plugins.deploytrain.reconcile.BodyPhase;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import java.io.IOException;
import java.io.PrintStream;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Starts the step's body for one target, with the train's variables, reporting its end to the execution. */
final class TargetBodies {
    private TargetBodies() {}

    static BodyExecution start(
            StepContext context, Command.StartBody start, DeployTrainStepExecution execution, PrintStream log)
            throws IOException, InterruptedException {
        String planJson = start.phase() == BodyPhase.PLAN ? start.environment().get("TRAIN_PLAN_JSON") : null;
        log.println(
                switch (start.phase()) {
                    case PLAN -> Messages.TerraformTrainStep_planning(start.displayName(), start.attempt());
                    case APPLY -> Messages.TerraformTrainStep_applying(start.displayName(), start.attempt());
                    case DEPLOY -> Messages.DeployTrainStep_deploying(start.displayName(), start.attempt());
                });
        if (planJson != null) {
            // a plan an earlier attempt left behind must not pass for this attempt's
            FilePath file = context.get(FilePath.class).child(planJson);
            file.delete();
            file.getParent().mkdirs();
        }
        return context.newBodyInvoker()
                .withContext(EnvironmentExpander.merge(
                        context.get(EnvironmentExpander.class), EnvironmentExpander.constant(start.environment())))
                .withDisplayName(start.environment().get("TRAIN_ENVIRONMENT") + "/"
                        + start.environment().get("TRAIN_ZONE"))
                .withCallback(new TargetCallback(execution, start.target(), start.attempt(), planJson))
                .start();
    }
}
