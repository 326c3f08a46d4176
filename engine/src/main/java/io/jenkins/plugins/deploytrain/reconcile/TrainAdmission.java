package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starting a train on a job's ledger. Starting the release that is already rolling (same service and
 * version, not finished) resumes it: that is how a restarted runner or a new build continues a train.
 * Starting the release that the job's newest train of the service already completed is that train
 * again, so it completes at once: a runner killed after the train ended but before it exited, or a
 * daily job whose baked version is already everywhere, never deploys the whole fleet a second time.
 * (Going back to an older version, after a newer one, is a new train: that is a rollback.) Any other
 * release meets the {@link SecondTrainPolicy}. Pure.
 */
public final class TrainAdmission {
    private TrainAdmission() {}

    /** @param trainId the train to drive; {@code resumed} when it already existed */
    public record Admitted(Ledger ledger, String trainId, boolean resumed) {}

    public static Admitted admit(Ledger ledger, String service, String version, List<TargetRecord> targets,
            SecondTrainPolicy policy, String by, String why, Instant now) {
        Optional<Train> rolling = ledger.unfinished().stream()
                .filter(t -> t.service().equals(service) && t.version().equals(version)).findFirst();
        if (rolling.isPresent()) {
            return new Admitted(ledger, rolling.get().id(), true);
        }
        Optional<Train> newest = ledger.trains().stream().filter(t -> t.service().equals(service))
                .reduce((older, newer) -> newer);
        if (newest.isPresent() && newest.get().version().equals(version) && newest.get().status() == TrainStatus.SUCCEEDED) {
            return new Admitted(ledger, newest.get().id(), true);
        }
        String id = service + "-" + version + "-" + (ledger.revision() + 1);
        List<Train> others = ledger.unfinished();
        Ledger next = ledger;
        TrainStatus status = TrainStatus.RUNNING;
        if (!others.isEmpty()) {
            if (policy == SecondTrainPolicy.QUEUE) {
                status = TrainStatus.QUEUED;
            } else {
                for (Train other : others) {
                    next = next.withTrain(other.withStatus(TrainStatus.SUPERSEDED, "superseded by " + id + " (" + version + ")", now)
                            .audited(new AuditEntry(now, by, "superseded", null, "by train " + id)));
                }
            }
        }
        Train train = new Train(id, service, version, status, now, by, targets, List.of(),
                List.of(new AuditEntry(now, by, status == TrainStatus.QUEUED ? "train-queued" : "train-started", null, why)),
                null, null);
        return new Admitted(next.withTrain(train), id, false);
    }
}
