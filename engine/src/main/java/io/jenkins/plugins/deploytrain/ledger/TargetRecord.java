package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One target of a train (environment x zone) with the part of the plan it needs, snapshotted when the
 * train starts so a changed fleet file cannot reorder a train in flight.
 *
 * @param index position in the plan order (0 first)
 * @param soakAfter how long the target soaks after its deploy before its gates run
 * @param bakeAfter how long the train bakes after this target before the next one (the primary's bake)
 * @param approvalBefore whether a person must say proceed before this target deploys
 * @param waitUntil while soaking: when the soak and bake end
 * @param terraform for a target of a terraform train: its plan, review and apply; null for a deploy train
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetRecord(String id, int index, String environment, String zone, String tier, String provider,
        String region, Duration soakAfter, Duration bakeAfter, boolean lastZoneOfEnvironment, boolean approvalBefore,
        List<String> gates, TargetStatus status, Instant waitUntil, List<Attempt> attempts,
        List<GateResult> gateResults, TerraformRecord terraform) {

    public TargetRecord {
        gates = List.copyOf(gates == null ? List.of() : gates);
        attempts = List.copyOf(attempts == null ? List.of() : attempts);
        gateResults = List.copyOf(gateResults == null ? List.of() : gateResults);
        soakAfter = soakAfter == null ? Duration.ZERO : soakAfter;
        bakeAfter = bakeAfter == null ? Duration.ZERO : bakeAfter;
    }

    /** A target of a deploy train (no terraform side). */
    public TargetRecord(String id, int index, String environment, String zone, String tier, String provider,
            String region, Duration soakAfter, Duration bakeAfter, boolean lastZoneOfEnvironment, boolean approvalBefore,
            List<String> gates, TargetStatus status, Instant waitUntil, List<Attempt> attempts,
            List<GateResult> gateResults) {
        this(id, index, environment, zone, tier, provider, region, soakAfter, bakeAfter, lastZoneOfEnvironment,
                approvalBefore, gates, status, waitUntil, attempts, gateResults, null);
    }

    public static String idOf(String environment, String zone) {
        return environment + "/" + zone;
    }

    public TargetRecord withStatus(TargetStatus next) {
        return new TargetRecord(id, index, environment, zone, tier, provider, region, soakAfter, bakeAfter,
                lastZoneOfEnvironment, approvalBefore, gates, next, next == TargetStatus.SOAKING ? waitUntil : null,
                attempts, gateResults, terraform);
    }

    public TargetRecord soakingUntil(Instant until) {
        return new TargetRecord(id, index, environment, zone, tier, provider, region, soakAfter, bakeAfter,
                lastZoneOfEnvironment, approvalBefore, gates, TargetStatus.SOAKING, until, attempts, gateResults, terraform);
    }

    public TargetRecord withAttempt(Attempt attempt) {
        List<Attempt> next = new ArrayList<>(attempts);
        if (!next.isEmpty() && next.get(next.size() - 1).number() == attempt.number()) {
            next.set(next.size() - 1, attempt);
        } else {
            next.add(attempt);
        }
        return new TargetRecord(id, index, environment, zone, tier, provider, region, soakAfter, bakeAfter,
                lastZoneOfEnvironment, approvalBefore, gates, status, waitUntil, next, gateResults, terraform);
    }

    public TargetRecord withGateResult(GateResult result) {
        List<GateResult> next = new ArrayList<>(gateResults);
        next.add(result);
        return new TargetRecord(id, index, environment, zone, tier, provider, region, soakAfter, bakeAfter,
                lastZoneOfEnvironment, approvalBefore, gates, status, waitUntil, attempts, next, terraform);
    }

    /** Once a person said proceed, the approval before this target is satisfied. */
    public TargetRecord approved() {
        return new TargetRecord(id, index, environment, zone, tier, provider, region, soakAfter, bakeAfter,
                lastZoneOfEnvironment, false, gates, status, waitUntil, attempts, gateResults, terraform);
    }

    public TargetRecord withTerraform(TerraformRecord next) {
        return new TargetRecord(id, index, environment, zone, tier, provider, region, soakAfter, bakeAfter,
                lastZoneOfEnvironment, approvalBefore, gates, status, waitUntil, attempts, gateResults, next);
    }

    /** How long after this target's deploy the train waits: the longer of its soak and its bake (as the planner). */
    @JsonIgnore
    public Duration waitAfter() {
        return soakAfter.compareTo(bakeAfter) >= 0 ? soakAfter : bakeAfter;
    }

    @JsonIgnore
    public Optional<Attempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }

    @JsonIgnore
    public int attemptCount() {
        return attempts.size();
    }

    /** Gates that have not passed on the current attempt, in their declared order. */
    @JsonIgnore
    public List<String> gatesStillToPass() {
        int current = attemptCount();
        return gates.stream()
                .filter(g -> gateResults.stream().noneMatch(r -> r.gate().equals(g) && r.attempt() == current && r.passed()))
                .toList();
    }
}
