package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.Planner;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * When a train ends, as the progress line and the view say it, so that both say the same.
 *
 * <p>A train under way: the planner's schedule of the targets still to run, from now (after the soak of a soaking
 * target, which is already running). A train waiting for a person: the same schedule as if the approval were given
 * now, the target asked about running next, labelled so; a person who answers later moves it. A completed train:
 * when it completed, not a time planned from a clock that went on. A failed, stopped or superseded train has none.
 *
 * @param at when the train ends (or ended)
 * @param basis what the time assumes, with its label for people
 */
public record TrainEta(Instant at, Basis basis) {

    public enum Basis {
        PLANNED("ETA"),
        IF_APPROVED_NOW("ETA if approved now"),
        COMPLETED("completed");

        private final String label;

        Basis(String label) {
            this.label = label;
        }

        /** How people read it, before the time: "ETA if approved now 2026-12-10T11:37:14Z". */
        public String label() {
            return label;
        }

        /** The view model's spelling: planned, if-approved-now, completed. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public TrainEta {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(basis, "basis");
    }

    /** The ETA of the ledger's train, planned on its fleet and train file from {@code now}; empty when there is none. */
    public static Optional<TrainEta> of(Fleet fleet, TrainSpec spec, Train train, Instant now) {
        if (train.status().finished()) {
            return completed(train);
        }
        Instant start = now;
        for (TargetRecord t : train.targets()) {
            if (soaking(t) && t.waitUntil().isAfter(start)) {
                start = t.waitUntil();
            }
        }
        Predicate<String> stillToRun = id -> train.target(id).map(t -> !t.status().done() && !soaking(t)).orElse(false);
        try {
            Instant eta = Planner.scheduleRemaining(fleet, spec, start, stillToRun).eta();
            return Optional.of(new TrainEta(eta, waitsForPerson(train) ? Basis.IF_APPROVED_NOW : Basis.PLANNED));
        } catch (PlanException neverOpens) {
            // a target no window ever opens for: the train itself says so when it gets there
            return Optional.empty();
        }
    }

    /** When a completed train completed (no plan needed); empty for any other train. */
    public static Optional<TrainEta> completed(Train train) {
        return train.status() == TrainStatus.SUCCEEDED && train.finished() != null
                ? Optional.of(new TrainEta(train.finished(), Basis.COMPLETED))
                : Optional.empty();
    }

    /** "ETA 2026-12-10T11:37:14Z", to the second. */
    public String describe() {
        return basis.label() + " " + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static boolean soaking(TargetRecord t) {
        return t.status() == TargetStatus.SOAKING && t.waitUntil() != null;
    }

    /** The reconciler asks a person about a failed deploy, a failed gate, an approval before a target or a paused train. */
    private static boolean waitsForPerson(Train train) {
        return train.status() == TrainStatus.AWAITING_APPROVAL || train.status() == TrainStatus.PAUSED
                || train.targets().stream().map(TargetRecord::status).anyMatch(s -> s == TargetStatus.AWAITING_APPROVAL
                        || s == TargetStatus.FAILED || s == TargetStatus.PAUSED);
    }
}
