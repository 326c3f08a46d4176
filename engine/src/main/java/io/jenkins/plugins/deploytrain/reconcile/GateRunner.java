package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import java.time.Instant;

/** Evaluates one named gate (a Prometheus query, Datadog monitors...) for a target after its soak. */
@FunctionalInterface
public interface GateRunner {

    /** Used when no gate provider is configured: a target that names a gate pauses, saying so. */
    GateRunner NONE = (target, gate, now) -> GateVerdict.fail("no gate provider is configured for gate '" + gate + "'");

    GateVerdict evaluate(TargetRecord target, String gate, Instant now);

    record GateVerdict(boolean passed, String reason) {
        public static GateVerdict pass(String reason) {
            return new GateVerdict(true, reason);
        }

        public static GateVerdict fail(String reason) {
            return new GateVerdict(false, reason);
        }
    }
}
