package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.FilePath;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A body's end as a stepper event; for a plan body, the plan it wrote in the workspace, whose text the stepper compares. */
final class PlanHandOver {
    private PlanHandOver() {}

    static List<Command> deliver(TrainStepper s, StepperPorts p, BodyEnd end, StepContext context) {
        if (end.failure != null) {
            return s.onBodyFinished(p, end.target, end.attempt, BodyOutcome.failure(end.failure));
        }
        if (end.planJson == null) {
            return s.onBodyFinished(p, end.target, end.attempt, BodyOutcome.success());
        }
        String text;
        try {
            FilePath file = context.get(FilePath.class).child(end.planJson);
            if (!file.exists()) {
                return s.onBodyFinished(
                        p, end.target, end.attempt, BodyOutcome.failure(Messages.TerraformTrainStep_noPlan(end.planJson)));
            }
            text = file.readToString();
        } catch (IOException e) {
            return unreadable(s, p, end, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreadable(s, p, end, "interrupted");
        }
        return s.onPlanReady(p, end.target, end.attempt, text);
    }

    private static List<Command> unreadable(TrainStepper s, StepperPorts p, BodyEnd end, String why) {
        return s.onBodyFinished(
                p, end.target, end.attempt, BodyOutcome.failure(Messages.TerraformTrainStep_unreadablePlan(end.planJson, why)));
    }
}
