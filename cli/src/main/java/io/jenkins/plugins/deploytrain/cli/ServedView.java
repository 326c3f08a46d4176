package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.Planner;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.TrainEta;
import io.jenkins.plugins.deploytrain.reconcile.WorkerLiveness;
import io.jenkins.plugins.deploytrain.ui.OpenQuestion;
import io.jenkins.plugins.deploytrain.ui.ViewModel;
import io.jenkins.plugins.deploytrain.ui.ViewPoll;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which train the command line serves and its view model: the ledger's train, the reconciler's open question
 * as {@code awaiting}, the planner's schedule as {@code plan}; the local user may always approve.
 *
 * @param trainId the train of this run, or null for the newest unfinished train (else the newest one)
 * @param plan the planner's view of a train ({@link #unplanned()} when the train file is not known)
 */
record ServedView(String trainId, Clock clock, DeployWindows windows, WorkerLiveness liveness, Function<Train, ViewModel.Plan> plan) {

    Optional<Train> train(Ledger ledger) {
        if (trainId != null) {
            return ledger.train(trainId);
        }
        Comparator<Train> newest = Comparator.comparing(Train::created);
        return ledger.unfinished().stream().max(newest).or(() -> ledger.trains().stream().max(newest));
    }

    /**
     * The planner's schedule of the targets not done yet, planned again from now on every look: after a long wait
     * for a person the page shows when they would run from now, never times already past. The ETA is the progress
     * line's (TrainEta): if approved now while the train waits for a person, the completion time once completed.
     */
    static Function<Train, ViewModel.Plan> planned(Fleet fleet, TrainSpec spec, Clock clock) {
        return train -> {
            Instant now = nextMinute(clock.instant());
            Optional<TrainEta> eta = TrainEta.of(fleet, spec, train, now);
            if (train.status().finished()) {
                return ViewModel.Plan.none().withEta(eta);
            }
            Predicate<String> toRun = id -> train.target(id).map(TargetRecord::status).map(s -> !s.done()).orElse(false);
            try {
                return ViewModel.Plan.of(Planner.scheduleRemaining(fleet, spec, now, toRun), toRun, null, null).withEta(eta);
            } catch (PlanException neverOpens) {
                // the train itself asks about a target no window ever opens for; the page shows that question
                return ViewModel.Plan.none();
            }
        };
    }

    /** Without the train file (deploy-train serve): nothing planned, but a completed train's completion time. */
    static Function<Train, ViewModel.Plan> unplanned() {
        return train -> ViewModel.Plan.none().withEta(TrainEta.completed(train));
    }

    /** Whole minutes, so that a page polled every few seconds gets the same plan (and a 304) within a minute. */
    private static Instant nextMinute(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(now) ? now : minute.plus(1, ChronoUnit.MINUTES);
    }

    ViewModel.Awaiting awaiting(Ledger ledger, Train train) {
        return OpenQuestion.of(ledger, train, windows, liveness, clock.instant(), null);
    }

    /**
     * What the page shows beside the ledger for one poll: the plan is made only when a body is sent, and it is a
     * new one (a new ETag) each minute while the train runs, since it is planned again from the next minute.
     */
    ViewPoll.Host host(Ledger ledger, Train train) {
        boolean over = train.status().finished();
        return new ViewPoll.Host(awaiting(ledger, train), true, null, over ? "" : nextMinute(clock.instant()).toString(),
                () -> plan.apply(train));
    }
}
