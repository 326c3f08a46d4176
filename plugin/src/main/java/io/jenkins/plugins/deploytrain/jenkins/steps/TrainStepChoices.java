package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a train step was asked for that a resumed build needs again, saved with the program: a plain class rather
 * than a record, since the CPS program is written with JBoss Marshalling.
 */
final class TrainStepChoices implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A {@code terraformTrain}: its bodies plan and apply, and its plans are handed to the stepper. */
    final boolean terraform;
    /** The step's own Slack choices (null: the train file's, else the global ones). */
    private final String slackChannel;

    private final String slackCredentialsId;

    TrainStepChoices(DeployTrainStep step) {
        this.terraform = step instanceof TerraformTrainStep;
        this.slackChannel = step.getSlackChannel();
        this.slackCredentialsId = step.getSlackCredentialsId();
    }

    /** The train's gates and Slack after a restart, with the same choices as when the build started. */
    TrainOpening.Hosted reopen(TrainDefinition definition, Run<?, ?> run, StepContext context)
            throws IOException, InterruptedException {
        FilePath workspace = terraform ? context.get(FilePath.class) : null;
        return TrainOpening.reopen(
                definition,
                slackChannel,
                slackCredentialsId,
                run,
                workspace,
                context.get(TaskListener.class).getLogger());
    }
}
