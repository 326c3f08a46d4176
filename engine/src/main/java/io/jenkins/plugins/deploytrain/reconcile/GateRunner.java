package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import java.time.Instant;
import java.util.List;

/** Evaluates one named gate (a Prometheus query, Datadog monitors...) for a target after its soak. */
@FunctionalInterface
public interface GateRunner {

    /** Used when no gate provider is configured: a target that names a gate pauses, saying so. */
    GateRunner NONE = (target, gate, now) -> GateVerdict.fail("no gate provider is configured for gate '" + gate + "'");

    GateVerdict evaluate(TargetRecord target, String gate, Instant now);

    /**
     * After a {@code proceed} with a silence duration on a target a gate paused: silences exactly what the gate
     * sees firing now, for the approval's {@code silenceFor}. The {@code key} goes into each silence's comment;
     * when silences carrying it exist already (a process killed between creating and recording them), they are
     * adopted instead of created twice. Never throws: what could not be done is in the problems.
     */
    default Silencing silence(TargetRecord target, String gate, Approval approval, String key, Instant now) {
        return new Silencing(List.of(), List.of("no monitoring system is configured to silence gate '" + gate + "'"));
    }

    /** Expires one silence the train put; returns the problem, empty when it is expired (already expired included). */
    default List<String> expire(Silenced silence) {
        return List.of("no monitoring system is configured to expire " + silence.system() + " silence " + silence.id());
    }

    /**
     * One silence or downtime.
     *
     * @param system {@code alertmanager} or {@code datadog}
     * @param scope what it mutes, in words
     */
    record Silenced(String system, String id, String scope, Instant until) {}

    /** What an approval's silence created (or adopted) and what could not be done, in words for people. */
    record Silencing(List<Silenced> created, List<String> problems) {
        public Silencing {
            created = List.copyOf(created);
            problems = List.copyOf(problems);
        }
    }

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
