package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.model.Run;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What a running train holds in this JVM and never serializes: its stepper's ports (gates with credentials, the
 * Slack thread with its token and HTTP client), its Slack reads and its timer. Built when the train starts or
 * after a restart; {@link #release} lets go of all of it once the step ends, whatever way it ends.
 */
final class TrainHosting {

    private final StepperPorts ports;
    /** Null without Slack. */
    private final SlackApprovalPoll slack;

    private final StepTimer timer = new StepTimer();

    private TrainHosting(StepperPorts ports, SlackApprovalPoll slack) {
        this.ports = ports;
        this.slack = slack;
    }

    static TrainHosting of(
            TrainOpening.Hosted hosted,
            Run<?, ?> run,
            String trainId,
            SlackSettings train,
            Consumer<Approval> onApproval) {
        return new TrainHosting(
                hosted.ports(),
                hosted.slack() == null
                        ? null
                        : SlackApprovalPoll.forTrain(hosted.slack(), run, trainId, train, onApproval));
    }

    StepperPorts ports() {
        return ports;
    }

    /** The train's Slack reads; null without Slack. */
    SlackApprovalPoll slack() {
        return slack;
    }

    /** Whether the train now waits for a person: Slack is read while it does. */
    void waiting(boolean asks) {
        if (slack != null) {
            slack.waiting(asks);
        }
    }

    void arm(Instant at, Runnable task) {
        timer.arm(at, task);
    }

    void release() {
        timer.close();
        if (slack != null) {
            slack.close();
        }
    }
}
