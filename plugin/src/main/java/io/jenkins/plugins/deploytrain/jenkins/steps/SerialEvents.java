package io.jenkins.plugins.deploytrain.jenkins.steps;

import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One train's events, run one at a time in the order they came, on {@link BlockingWork}. Events may call gates
 * over HTTP: the order is kept by the queue, not by a monitor, so no lock is held across a call and the CPS VM
 * thread, a stop and the train's page never wait for one.
 */
final class SerialEvents {

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    void submit(Runnable event) {
        queue.add(event);
        drainLater();
    }

    private void drainLater() {
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            BlockingWork.get().submit(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable event;
            while ((event = queue.poll()) != null) {
                event.run();
            }
        } finally {
            draining.set(false);
            // an event queued between the last poll and the reset must not wait for the next one
            drainLater();
        }
    }
}
