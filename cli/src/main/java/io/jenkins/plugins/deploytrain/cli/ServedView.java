package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import io.jenkins.plugins.deploytrain.reconcile.Decision;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.Observations;
import io.jenkins.plugins.deploytrain.reconcile.Reconciler;
import io.jenkins.plugins.deploytrain.reconcile.WorkerLiveness;
import io.jenkins.plugins.deploytrain.ui.ViewModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which train the command line serves and its view model: the ledger's train, the reconciler's open question
 * as {@code awaiting}, the planner's schedule as {@code plan}; the local user may always approve.
 *
 * @param trainId the train of this run, or null for the newest unfinished train (else the newest one)
 * @param plan the planner's view of a train (Plan.none() when the train file is not known)
 */
record ServedView(String trainId, Clock clock, DeployWindows windows, WorkerLiveness liveness, Function<Train, ViewModel.Plan> plan) {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    Optional<Train> train(Ledger ledger) {
        if (trainId != null) {
            return ledger.train(trainId);
        }
        Comparator<Train> newest = Comparator.comparing(Train::created);
        return ledger.unfinished().stream().max(newest).or(() -> ledger.trains().stream().max(newest));
    }

    /** The planner's schedule of the train's run, keeping the targets that are not done yet. */
    static Function<Train, ViewModel.Plan> planned(TrainSchedule schedule) {
        return train -> ViewModel.Plan.of(schedule,
                id -> train.target(id).map(TargetRecord::status).map(s -> !s.done()).orElse(false), null, null);
    }

    ViewModel.Awaiting awaiting(Ledger ledger, Train train) {
        if (train.status().finished()) {
            return null;
        }
        Decision decision = Reconciler.decide(ledger, train.id(), new Observations(liveWorkers(ledger), windows, RECHECK), clock.instant());
        return decision instanceof Decision.AwaitApproval question ? ViewModel.Awaiting.of(question, null) : null;
    }

    ViewModel compose(Ledger ledger, Train train) {
        ViewModel.Plan planned = train.status().finished() ? ViewModel.Plan.none() : plan.apply(train);
        return ViewModel.of(train, awaiting(ledger, train), planned, true, null);
    }

    /** The workers named in the ledger that still run: a live runner's deploy in flight is not an orphan to the view. */
    private Set<String> liveWorkers(Ledger ledger) {
        Set<String> live = new HashSet<>();
        ledger.leases().forEach(l -> live.add(l.holder()));
        ledger.trains().stream().flatMap(t -> t.targets().stream()).filter(t -> t.status() == TargetStatus.DEPLOYING)
                .forEach(t -> t.lastAttempt().ifPresent(a -> live.add(a.worker())));
        live.removeIf(w -> w == null || !liveness.alive(w));
        return live;
    }
}
