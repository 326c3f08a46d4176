package io.jenkins.plugins.deploytrain.jenkins.steps;

import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;

/**
 * The train's target body while it runs and, once it ended, its end until the stepper has recorded it: saved with
 * the program. CPS may save the program after a body's callback ran and before the event told the stepper, and a
 * restart there must not lose the result.
 */
final class BodyInFlight implements Serializable {
    private static final long serialVersionUID = 1L;

    private BodyExecution body;
    private BodyEnd end;

    synchronized void started(BodyExecution started) {
        body = started;
    }

    /** The body still running, to cancel; else null. */
    synchronized BodyExecution running() {
        return body != null && !body.isDone() ? body : null;
    }

    /** A body's end from its callback, kept until {@link #recorded}. */
    synchronized void ended(BodyEnd ended) {
        end = ended;
    }

    /** The end the stepper has not recorded yet (a restart came first); else null. */
    synchronized BodyEnd unrecorded() {
        return end;
    }

    /** The stepper has recorded {@code ended}: forgotten, unless a newer end came meanwhile. */
    synchronized void recorded(BodyEnd ended) {
        body = null;
        if (end == ended) {
            end = null;
        }
    }

    /** The body ended the step: nothing runs any more. */
    synchronized void forget() {
        body = null;
    }
}
