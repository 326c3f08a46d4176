package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.deploytrain.approval.Approval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of the ledger's journal: what one stored write changed, computed from the ledger before and after
 * it. A train that changed carries its header fields and, for each of its lists, only the positions that changed
 * (the target that moved on, the appended audit entry), so a record is the size of the change, not of the train.
 *
 * @param revision the revision this transition makes (the one before it plus one)
 * @param order the train ids in order, only when trains were added or dropped (retention)
 * @param added trains that did not exist before, whole
 * @param changed trains that existed before and changed
 * @param leases every lease, only when the leases changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LedgerTransition(long revision, List<String> order, List<Train> added, List<TrainChange> changed, List<Lease> leases) {

    /**
     * One train's change.
     *
     * @param targets, approvals, audit, silences null when that list did not change
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TrainChange(String id, String service, String version, TrainStatus status, Instant created, String by,
            Instant finished, String reason, ListChange<TargetRecord> targets, ListChange<Approval> approvals,
            ListChange<AuditEntry> audit, ListChange<TrainSilence> silences) {

        static TrainChange between(Train before, Train after) {
            return new TrainChange(after.id(), after.service(), after.version(), after.status(), after.created(), after.by(),
                    after.finished(), after.reason(), changeOf(before.targets(), after.targets()),
                    changeOf(before.approvals(), after.approvals()), changeOf(before.audit(), after.audit()),
                    changeOf(before.silences(), after.silences()));
        }

        private static <T> ListChange<T> changeOf(List<T> before, List<T> after) {
            return ListChange.unchanged(before, after) ? null : ListChange.between(before, after);
        }

        Train applyTo(Train before) {
            return new Train(id, service, version, status, created, by,
                    targets == null ? before.targets() : targets.applyTo(before.targets(), "the targets of train " + id),
                    approvals == null ? before.approvals() : approvals.applyTo(before.approvals(), "the approvals of train " + id),
                    audit == null ? before.audit() : audit.applyTo(before.audit(), "the audit of train " + id),
                    finished, reason,
                    silences == null ? before.silences() : silences.applyTo(before.silences(), "the silences of train " + id));
        }
    }

    /**
     * The transition from {@code before} to {@code after} (already at its new revision), or empty when it is not
     * one a journal record can say (the job or schema version changed): the store then writes a snapshot.
     */
    static Optional<LedgerTransition> between(Ledger before, Ledger after) {
        if (before.schemaVersion() != after.schemaVersion() || !before.job().equals(after.job())) {
            return Optional.empty();
        }
        Map<String, Train> old = byId(before.trains());
        List<Train> added = new ArrayList<>();
        List<TrainChange> changed = new ArrayList<>();
        boolean sameOrder = before.trains().size() == after.trains().size();
        for (int i = 0; i < after.trains().size(); i++) {
            Train now = after.trains().get(i);
            Train was = old.get(now.id());
            if (sameOrder && !before.trains().get(i).id().equals(now.id())) {
                sameOrder = false;
            }
            if (was == null) {
                added.add(now);
            } else if (!same(was, now)) {
                changed.add(TrainChange.between(was, now));
            }
        }
        List<String> order = sameOrder ? null : after.trains().stream().map(Train::id).toList();
        List<Lease> leases = ListChange.unchanged(before.leases(), after.leases()) ? null : after.leases();
        return Optional.of(new LedgerTransition(after.revision(), order, added.isEmpty() ? null : added,
                changed.isEmpty() ? null : changed, leases));
    }

    /**
     * Whether two ledgers hold the same content, comparing by identity first: unlike {@code equals}, an element
     * that is the same object is never looked into, so a ledger and its successor that differ in one target cost
     * a pass of pointer comparisons rather than a visit of every target record.
     */
    static boolean same(Ledger a, Ledger b) {
        if (a == b) {
            return true;
        }
        if (a.schemaVersion() != b.schemaVersion() || a.revision() != b.revision() || !a.job().equals(b.job())
                || a.trains().size() != b.trains().size() || !ListChange.unchanged(a.leases(), b.leases())) {
            return false;
        }
        for (int i = 0; i < a.trains().size(); i++) {
            if (!same(a.trains().get(i), b.trains().get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean same(Train a, Train b) {
        return a == b || a.id().equals(b.id()) && Objects.equals(a.service(), b.service())
                && Objects.equals(a.version(), b.version()) && a.status() == b.status()
                && Objects.equals(a.created(), b.created()) && Objects.equals(a.by(), b.by())
                && Objects.equals(a.finished(), b.finished()) && Objects.equals(a.reason(), b.reason())
                && ListChange.unchanged(a.targets(), b.targets()) && ListChange.unchanged(a.approvals(), b.approvals())
                && ListChange.unchanged(a.audit(), b.audit()) && ListChange.unchanged(a.silences(), b.silences());
    }

    /**
     * The ledger after this transition.
     *
     * @throws IllegalArgumentException if it does not continue {@code before} (a revision out of sequence, a
     *     train it changes that is not there)
     */
    Ledger applyTo(Ledger before) {
        if (revision != before.revision() + 1) {
            throw new IllegalArgumentException("it makes revision " + revision + " but follows revision " + before.revision());
        }
        Map<String, Train> trains = byId(before.trains());
        for (Train t : Objects.requireNonNullElse(added, List.<Train>of())) {
            trains.put(t.id(), t);
        }
        for (TrainChange c : Objects.requireNonNullElse(changed, List.<TrainChange>of())) {
            Train was = trains.get(c.id());
            if (was == null) {
                throw new IllegalArgumentException("it changes train " + c.id() + ", which the ledger does not have");
            }
            trains.put(c.id(), c.applyTo(was));
        }
        List<String> ids = order != null ? order : before.trains().stream().map(Train::id).toList();
        List<Train> next = new ArrayList<>(ids.size());
        for (String id : ids) {
            Train t = trains.get(id);
            if (t == null) {
                throw new IllegalArgumentException("it orders train " + id + ", which the ledger does not have");
            }
            next.add(t);
        }
        return new Ledger(before.schemaVersion(), before.job(), revision, next, leases != null ? leases : before.leases());
    }

    private static Map<String, Train> byId(List<Train> trains) {
        Map<String, Train> byId = new HashMap<>();
        for (Train t : trains) {
            byId.put(t.id(), t);
        }
        return byId;
    }
}
