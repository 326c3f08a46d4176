package io.jenkins.plugins.deploytrain.jenkins.steps;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import io.jenkins.plugins.deploytrain.jenkins.notify.TrainSlack;
import io.jenkins.plugins.deploytrain.notify.ApproverPolicy;
import java.time.Duration;
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

    TrainSlack slack() {
        return slack;
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
