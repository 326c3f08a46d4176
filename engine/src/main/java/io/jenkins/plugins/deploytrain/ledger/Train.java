package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.deploytrain.approval.Approval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        List<TargetRecord> targets, List<Approval> approvals, List<AuditEntry> audit, Instant finished, String reason) {

    public Train {
        targets = List.copyOf(targets == null ? List.of() : targets);
        approvals = List.copyOf(approvals == null ? List.of() : approvals);
        audit = List.copyOf(audit == null ? List.of() : audit);
    }

    public Optional<TargetRecord> target(String targetId) {
        return targets.stream().filter(t -> t.id().equals(targetId)).findFirst();
    }

    public Train withTarget(String targetId, UnaryOperator<TargetRecord> change) {
        List<TargetRecord> next = new ArrayList<>(targets.size());
        boolean found = false;
        for (TargetRecord t : targets) {
            if (t.id().equals(targetId)) {
                next.add(change.apply(t));
                found = true;
            } else {
                next.add(t);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("train " + id + " has no target " + targetId);
        }
        return new Train(id, service, version, status, created, by, next, approvals, audit, finished, reason);
    }

    public Train withStatus(TrainStatus next, String why, Instant at) {
        return new Train(id, service, version, next, created, by, targets, approvals, audit,
                next.finished() ? at : null, why);
    }

    public Train audited(AuditEntry entry) {
        List<AuditEntry> next = new ArrayList<>(audit);
        next.add(entry);
        return new Train(id, service, version, status, created, by, targets, approvals, next, finished, reason);
    }

    public Train withApproval(Approval approval) {
        List<Approval> next = new ArrayList<>(approvals);
        next.add(approval);
        return new Train(id, service, version, status, created, by, targets, next, audit, finished, reason);
    }

    @JsonIgnore
    public long targetsDone() {
        return targets.stream().filter(t -> t.status().done()).count();
    }
}
