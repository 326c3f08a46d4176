package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import java.time.Instant;

/** Evaluates one named gate (a Prometheus query, Datadog monitors...) for a target after its soak. */
@FunctionalInterface
public interface GateRunner {

    /** Used when no gate provider is configured: a target that names a gate pauses, saying so. */
    GateRunner NONE = (target, gate, now) -> GateVerdict.fail("no gate provider is configured for gate '" + gate + "'");

    GateVerdict evaluate(TargetRecord target, String gate, Instant now);

    /**
     * @param recheckAt for a gate that can not tell yet (a bake, a query inside its clean period): when to
     *     evaluate it again; null for a pass or a failure
     */
    record GateVerdict(boolean passed, String reason, Instant recheckAt) {
        public GateVerdict {
            if (passed && recheckAt != null) {
                throw new IllegalArgumentException("a passed gate has nothing to recheck");
            }
        }

        public static GateVerdict pass(String reason) {
            return new GateVerdict(true, reason, null);
        }

        public static GateVerdict fail(String reason) {
            return new GateVerdict(false, reason, null);
        }

        /** Not passed, not failed: the stepper schedules a timer at {@code recheckAt} instead of pausing the train. */
        public static GateVerdict notYet(String reason, Instant recheckAt) {
            return new GateVerdict(false, reason, java.util.Objects.requireNonNull(recheckAt, "recheckAt"));
        }

        public boolean pending() {
            return recheckAt != null;
        }
    }
}
