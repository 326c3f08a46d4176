package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.model.Run;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.notify.TrainSlack;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.notify.ApproverPolicy;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a train's Slack thread for approvals while the train waits for a person: one read at a time, on
 * {@link BlockingWork} (the HTTP call holds no lock of the execution), the next one scheduled from Slack's
 * answer. {@link #close} ends the reads and lets the thread's sender finish its last messages, then stop.
 */
final class SlackApprovalPoll {

    private static final Logger LOGGER = Logger.getLogger(SlackApprovalPoll.class.getName());

    private final TrainSlack slack;
    private final String trainId;
    private final Supplier<ApproverPolicy> approvers;
    private final Consumer<Approval> onApproval;

    private boolean waiting;
    private boolean closed;
    private BlockingWork.Scheduled next;

    SlackApprovalPoll(TrainSlack slack, String trainId, Supplier<ApproverPolicy> approvers, Consumer<Approval> onApproval) {
        this.slack = slack;
        this.trainId = trainId;
        this.approvers = approvers;
        this.onApproval = onApproval;
    }

    /**
     * The reads of {@code run}'s train {@code trainId}, answered by the approvers of the train's page (its own list,
     * else the global one) who are mapped to Slack users.
     */
    static SlackApprovalPoll forTrain(
            TrainSlack slack, Run<?, ?> run, String trainId, SlackSettings train, Consumer<Approval> onApproval) {
        SlackApprovers approvers = new SlackApprovers(
                run.getParent(),
                train,
                () -> TrainRunAction.of(run, trainId)
                        .map(TrainRunAction::getApproverList)
                        .orElseGet(() -> DeployTrainGlobalConfiguration.get().getApproverList()),
                Clock.systemUTC(),
                slack::approversOnSlack);
        return new SlackApprovalPoll(slack, trainId, approvers, onApproval);
    }

    /**
     * An approval read from Slack as a stepper event, recorded like one from the train's page. One that does not
     * fit the train's state (a {@code retry} of a target that did not fail) is refused with the engine's reason, in
     * the console and the thread, and the train goes on waiting.
     */
    List<Command> apply(TrainStepper stepper, StepperPorts ports, Approval approval, PrintStream log) {
        try {
            return stepper.onApproval(ports, approval);
        } catch (IllegalArgumentException refused) {
            String text = Messages.DeployTrainStep_slackRefused(
                    approval.by(),
                    approval.action().json() + (approval.target() == null ? "" : " " + approval.target()),
                    refused.getMessage());
            log.println("Deploy Train: " + text);
            slack.say(stepper.trainId(), text);
            return stepper.onTimer(ports);
        }
    }

    /** Whether the train waits for a person now: reads start at once, or stop. */
    synchronized void waiting(boolean waitingNow) {
        waiting = waitingNow && !closed;
        if (waiting && next == null) {
            next = BlockingWork.get().schedule(this::poll, 0, TimeUnit.MILLISECONDS);
        } else if (!waiting && next != null) {
            next.cancel();
            next = null;
        }
    }

    /** No more reads; the last messages still go out, then Slack's sender threads end. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
        slack.closeWhenSent();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void poll() {
        synchronized (this) {
            next = null;
            if (!waiting) {
                return;
            }
        }
        Duration again = Duration.ofSeconds(30);
        try {
            TrainSlack.Replies replies = slack.replies(trainId, approvers.get());
            again = replies.pollAgainIn();
            replies.approvals().forEach(onApproval);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not read the Slack thread of train " + trainId, e);
        }
        synchronized (this) {
            if (waiting && next == null) {
                next = BlockingWork.get().schedule(this::poll, again.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
