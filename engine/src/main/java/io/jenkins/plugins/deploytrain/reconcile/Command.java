package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the {@link TrainStepper} asks its host to do; each maps to one host call (one Jenkins API call). */
public sealed interface Command {

    /**
     * Run the body (the deploy) for one target, with these environment variables and display name. For a
     * {@link BodyPhase#PLAN} body the host hands the plan the body wrote (at {@code TRAIN_PLAN_JSON}) to
     * {@link TrainStepper#onPlanReady} instead of reporting a success to {@link TrainStepper#onBodyFinished}.
     */
    record StartBody(String target, int attempt, Map<String, String> environment, String displayName, BodyPhase phase)
            implements Command {
        public StartBody {
            environment = Map.copyOf(environment);
        }

        /** The body of a deploy train. */
        public StartBody(String target, int attempt, Map<String, String> environment, String displayName) {
            this(target, attempt, environment, displayName, BodyPhase.DEPLOY);
        }
    }

    /** Call {@link TrainStepper#onTimer} at this absolute instant (not before; late is fine). */
    record ScheduleTimer(Instant at, String reason) implements Command {}

    /** Show the question to people and deliver their answer to {@link TrainStepper#onApproval}. */
    record AwaitApproval(String train, String target, String reason, List<ApprovalAction> choices) implements Command {
        public AwaitApproval {
            choices = List.copyOf(choices);
        }
    }

    /** The train completed. */
    record Complete(String result) implements Command {}

    /** The train ended without completing. */
    record Fail(String error) implements Command {}
}
