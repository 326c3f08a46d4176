package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.deploytrain.approval.Approval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One train: a release (service at version) rolled across its targets in plan order.
 *
 * @param finished when the train reached a final status, for retention
 * @param reason why the train ended or waits, in words for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Train(String id, String service, String version, TrainStatus status, Instant created, String by,
        List<TargetRecord> targets, List<Approval> approvals, List<AuditEntry> audit, Instant finished, String reason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TrainSilence> silences) {

    @JsonCreator
    public Train {
        // a TargetList is taken as it is: one target moving on shares the rest of the train's targets
        targets = TargetList.of(targets == null ? List.of() : targets);
        approvals = List.copyOf(approvals == null ? List.of() : approvals);
        audit = List.copyOf(audit == null ? List.of() : audit);
        silences = List.copyOf(silences == null ? List.of() : silences);
    }

    /** A train that has put no silence yet. */
    public Train(String id, String service, String version, TrainStatus status, Instant created, String by,
            List<TargetRecord> targets, List<Approval> approvals, List<AuditEntry> audit, Instant finished, String reason) {
        this(id, service, version, status, created, by, targets, approvals, audit, finished, reason, List.of());
    }

    public Optional<TargetRecord> target(String targetId) {
        int at = ((TargetList) targets).positionOf(targetId);
        return at < 0 ? Optional.empty() : Optional.of(targets.get(at));
    }

    /** The train with the target changed; the other targets are shared, not copied (see {@link TargetList}). */
    public Train withTarget(String targetId, UnaryOperator<TargetRecord> change) {
        TargetList all = (TargetList) targets;
        int at = all.positionOf(targetId);
        if (at < 0) {
            throw new IllegalArgumentException("train " + id + " has no target " + targetId);
        }
        return new Train(id, service, version, status, created, by, all.with(at, change.apply(all.get(at))), approvals,
                audit, finished, reason, silences);
    }

    public Train withStatus(TrainStatus next, String why, Instant at) {
        return new Train(id, service, version, next, created, by, targets, approvals, audit,
                next.finished() ? at : null, why, silences);
    }

    public Train audited(AuditEntry entry) {
        List<AuditEntry> next = new ArrayList<>(audit);
        next.add(entry);
        return new Train(id, service, version, status, created, by, targets, approvals, next, finished, reason, silences);
    }

    public Train withApproval(Approval approval) {
        List<Approval> next = new ArrayList<>(approvals);
        next.add(approval);
        return new Train(id, service, version, status, created, by, targets, next, audit, finished, reason, silences);
    }

    /** Adds the silence, or replaces those of its key that are only intended (the intent became what was created). */
    public Train withSilences(String key, List<TrainSilence> resolved) {
        List<TrainSilence> next = new ArrayList<>(silences);
        next.removeIf(s -> s.key().equals(key) && s.state() == SilenceState.INTENDED);
        next.addAll(resolved);
        return new Train(id, service, version, status, created, by, targets, approvals, audit, finished, reason, next);
    }

    /** Replaces the silence with the same key, system and id. */
    public Train withSilence(TrainSilence changed) {
        List<TrainSilence> next = new ArrayList<>(silences);
        next.replaceAll(s -> s.key().equals(changed.key()) && Objects.equals(s.system(), changed.system())
                && Objects.equals(s.id(), changed.id()) ? changed : s);
        return new Train(id, service, version, status, created, by, targets, approvals, audit, finished, reason, next);
    }

    @JsonIgnore
    public long targetsDone() {
        return targets.stream().filter(t -> t.status().done()).count();
    }
}
