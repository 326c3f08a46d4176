package io.jenkins.plugins.deploytrain.jenkins.steps;

import java.util.function.Function;

/**
 * A train step's {@link TrainHosting} across the step's life in this JVM: kept when the train starts or, after a
 * restart, when the first event needs it again; released once the step has ended, whatever way. A hosting made after
 * the end is released at once, and one made while another event got there first lets go of its Slack.
 */
final class TrainHostingSlot {

    private TrainHosting hosting;
    private boolean ended;

    synchronized TrainHosting current() {
        return hosting;
    }

    /** The hosting to use: the one kept already, else one made of {@code hosted}. */
    synchronized TrainHosting keep(
            TrainOpening.Hosted hosted, Function<TrainOpening.Hosted, TrainHosting> of, DeployTrainStepExecution e) {
        if (hosting != null) {
            if (hosted.slack() != null) {
                hosted.slack().close(); // another event got there first
            }
            return hosting;
        }
        hosting = of.apply(hosted);
        if (ended) {
            hosting.release();
        } else {
            TrainBuildEnd.started(e);
        }
        return hosting;
    }

    /** @return false when the step had ended already */
    synchronized boolean end() {
        boolean first = !ended;
        ended = true;
        return first;
    }

    synchronized boolean hasEnded() {
        return ended;
    }

    /** Timers cancelled, Slack reads and senders ended; the build's end no longer needs to end the step. */
    void release(DeployTrainStepExecution e) {
        TrainHosting h = current();
        if (h != null) {
            h.release();
        }
        TrainBuildEnd.ended(e);
    }
}
