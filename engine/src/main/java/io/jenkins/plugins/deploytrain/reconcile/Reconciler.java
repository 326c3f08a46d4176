package io.jenkins.plugins.deploytrain.reconcile;

import static io.jenkins.plugins.deploytrain.approval.ApprovalAction.ABORT;
import static io.jenkins.plugins.deploytrain.approval.ApprovalAction.MARK_SUCCEEDED;
import static io.jenkins.plugins.deploytrain.approval.ApprovalAction.PROCEED;
import static io.jenkins.plugins.deploytrain.approval.ApprovalAction.RESUME;
import static io.jenkins.plugins.deploytrain.approval.ApprovalAction.RETRY;
import static io.jenkins.plugins.deploytrain.approval.ApprovalAction.SKIP;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.GateResult;
import io.jenkins.plugins.deploytrain.ledger.Lease;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TerraformPhase;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The train's brain: from the ledger, what the world looks like and the time, the one next thing to do.
 * Pure and deterministic. Targets go strictly in plan order, one at a time: a target starts only when
 * every earlier one succeeded or was skipped, so shadow goes before primary before the rest whenever
 * the plan says so.
 */
public final class Reconciler {
    private Reconciler() {}

    public static Decision decide(Ledger ledger, String trainId, Observations seen, Instant now) {
        Train train = ledger.train(trainId)
                .orElseThrow(() -> new IllegalArgumentException("ledger of " + ledger.job() + " has no train " + trainId));
        switch (train.status()) {
            case SUCCEEDED:
                return new Decision.Complete();
            case FAILED, STOPPED, SUPERSEDED:
                return new Decision.Fail(train.reason() == null ? "train " + train.status().json() : train.reason());
            case QUEUED:
                Optional<Train> ahead = ledger.unfinished().stream()
                        .filter(t -> !t.id().equals(trainId)).findFirst();
                if (ahead.isPresent()) {
                    return new Decision.WaitUntil(now.plus(seen.recheck()),
                            "queued behind train " + ahead.get().id() + " (" + ahead.get().version() + ")");
                }
                break;
            default:
                break;
        }
        for (TargetRecord t : train.targets()) {
            Optional<Decision> next = next(ledger, train, t, seen, now);
            if (next.isPresent()) {
                return next.get();
            }
        }
        return new Decision.Complete();
    }

    /** The decision for the first target that is not done, or empty if this one is done. */
    private static Optional<Decision> next(Ledger ledger, Train train, TargetRecord t, Observations seen, Instant now) {
        boolean paused = train.status() == io.jenkins.plugins.deploytrain.ledger.TrainStatus.PAUSED;
        return Optional.ofNullable(switch (t.status()) {
            case SUCCEEDED, SKIPPED -> null;
            case DEPLOYING -> {
                Attempt running = t.lastAttempt().orElseThrow();
                if (seen.liveWorkers().contains(running.worker())) {
                    yield new Decision.WaitUntil(now.plus(seen.recheck()),
                            "deploy of " + t.id() + " (attempt " + running.number() + ") runs on worker " + running.worker()
                                    + " since " + running.started());
                }
                if (paused) {
                    yield pausedTrain(train);
                }
                // a lost terraform body plans again: the plan reads what a lost apply did or did not do
                yield environmentBusy(ledger, train, t, seen, now).orElse(t.terraform() == null
                        ? new Decision.Deploy(t.id(), t.attemptCount() + 1)
                        : new Decision.Plan(t.id(), t.attemptCount() + 1));
            }
            case SOAKING -> {
                if (t.waitUntil() != null && now.isBefore(t.waitUntil())) {
                    yield new Decision.WaitUntil(t.waitUntil(), "soak and bake of " + t.id());
                }
                yield verifyOrPromote(t);
            }
            case VERIFYING -> verifyOrPromote(t);
            case FAILED -> new Decision.AwaitApproval(t.id(), "deploy of " + t.id() + " failed"
                    + t.lastAttempt().map(a -> " (attempt " + a.number() + (a.detail() == null ? "" : ": " + a.detail()) + ")").orElse(""),
                    List.of(RETRY, SKIP, MARK_SUCCEEDED, ABORT));
            case PAUSED -> new Decision.AwaitApproval(t.id(), "gate failed on " + t.id() + lastFailedGate(t),
                    List.of(RETRY, PROCEED, SKIP, ABORT));
            case AWAITING_APPROVAL -> t.terraform() != null && t.terraform().awaitingReview() ? planReview(t) : approvalBefore(t);
            case PENDING -> {
                if (paused) {
                    yield pausedTrain(train);
                }
                if (t.approvalBefore()) {
                    yield approvalBefore(t);
                }
                Optional<Decision> busy = environmentBusy(ledger, train, t, seen, now);
                if (busy.isPresent()) {
                    yield busy.get();
                }
                Optional<Instant> opens = seen.windows().earliestStart(t, now);
                if (opens.isEmpty()) {
                    yield new Decision.AwaitApproval(t.id(), "no deploy window ever opens for " + t.id(), List.of(SKIP, ABORT));
                }
                if (opens.get().isAfter(now)) {
                    yield new Decision.WaitUntil(opens.get(), "deploy window of " + t.id() + " opens");
                }
                yield t.terraform() != null && t.terraform().phase() == TerraformPhase.PLAN
                        ? new Decision.Plan(t.id(), t.attemptCount() + 1)
                        : new Decision.Deploy(t.id(), t.attemptCount() + 1);
            }
        });
    }

    /**
     * The environment is leased by a live worker of another train, or another of its targets (any train of
     * the job) still deploys on a live worker.
     */
    private static Optional<Decision> environmentBusy(Ledger ledger, Train train, TargetRecord t, Observations seen, Instant now) {
        Optional<Lease> lease = ledger.lease(t.environment());
        if (lease.isPresent() && !lease.get().train().equals(train.id())
                && seen.liveWorkers().contains(lease.get().holder()) && now.isBefore(lease.get().expires())) {
            return Optional.of(new Decision.WaitUntil(min(lease.get().expires(), now.plus(seen.recheck())),
                    t.environment() + " is being deployed by train " + lease.get().train() + " (" + lease.get().target() + " on worker "
                            + lease.get().holder() + ", leased until " + lease.get().expires() + ")"));
        }
        return ledger.unfinished().stream()
                .flatMap(other -> other.targets().stream())
                .filter(x -> x != t && x.environment().equals(t.environment()) && x.status() == TargetStatus.DEPLOYING)
                .flatMap(x -> x.lastAttempt().stream())
                .filter(a -> seen.liveWorkers().contains(a.worker()))
                .findFirst()
                .map(a -> new Decision.WaitUntil(now.plus(seen.recheck()), t.environment() + " has a deploy running on worker " + a.worker()
                        + " since " + a.started()));
    }

    private static Decision verifyOrPromote(TargetRecord t) {
        List<String> left = t.gatesStillToPass();
        return left.isEmpty() ? new Decision.Promote(t.id()) : new Decision.Verify(t.id(), left.get(0));
    }

    private static Decision approvalBefore(TargetRecord t) {
        return new Decision.AwaitApproval(t.id(), "approval required before deploying " + t.id(), List.of(PROCEED, SKIP, ABORT));
    }

    /** A plan no approved plan matches (or auto-approval is off): its diff summary is the question. */
    private static Decision planReview(TargetRecord t) {
        return new Decision.AwaitApproval(t.id(), PlanSummary.question(t), List.of(PROCEED, RETRY, SKIP, ABORT));
    }

    private static Decision pausedTrain(Train train) {
        return new Decision.AwaitApproval(null, "train " + train.id() + " is paused"
                + (train.reason() == null ? "" : ": " + train.reason()), List.of(RESUME, ABORT));
    }

    private static String lastFailedGate(TargetRecord t) {
        List<GateResult> results = t.gateResults();
        for (int i = results.size() - 1; i >= 0; i--) {
            if (!results.get(i).passed()) {
                return " (" + results.get(i).gate() + ": " + results.get(i).reason() + ")";
            }
        }
        return "";
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
