package io.jenkins.plugins.deploytrain.events;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Starting a publisher's drain on the host's executor: a refused start (a pool shutting down) is said, never thrown at the train. */
final class Drains {
    private Drains() {}

    /** @return whether the drain was handed over; when not, the caller marks it as not running */
    static boolean start(Executor executor, Runnable drain, Consumer<String> log, String what) {
        try {
            executor.execute(drain);
            return true;
        } catch (RuntimeException refused) {
            log.accept(what + " could not be started (" + refused + ")");
            return false;
        }
    }
}
