package io.jenkins.plugins.deploytrain.jenkins.steps;

import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A step's one timer (the stepper's {@code ScheduleTimer}, a shadow gate's next look): armed anew each time, its task
 * run on {@link BlockingWork}.
 */
final class StepTimer {

    private BlockingWork.Scheduled scheduled;
    private boolean closed;

    synchronized void arm(Instant at, Runnable task) {
        cancel();
        if (closed) {
            return; // the step ended while the event that armed it ran
        }
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        scheduled = BlockingWork.get().schedule(task, delay, TimeUnit.MILLISECONDS);
    }

    /** Cancels the timer for good: the step has ended. */
    synchronized void close() {
        closed = true;
        cancel();
    }

    synchronized void cancel() {
        if (scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }
}
