package io.jenkins.plugins.deploytrain.gate;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one gate evaluation. PENDING means "clean so far, look again at {@code recheckAt}"
 * (a bake, or a query that must stay clean for a while); the caller schedules a timer instead of sleeping.
 */
public record GateResult(String gate, Status status, String reason, List<FiringSignal> signals, Instant evaluatedAt,
                         Instant recheckAt) {

    public enum Status { PASSED, FAILED, PENDING }

    public GateResult {
        signals = List.copyOf(signals);
    }

    public static GateResult passed(String gate, String reason, Instant at) {
        return new GateResult(gate, Status.PASSED, reason, List.of(), at, null);
    }

    public static GateResult failed(String gate, String reason, List<FiringSignal> signals, Instant at) {
        return new GateResult(gate, Status.FAILED, reason, signals, at, null);
    }

    public static GateResult pending(String gate, String reason, Instant at, Instant recheckAt) {
        return new GateResult(gate, Status.PENDING, reason, List.of(), at, recheckAt);
    }
}
