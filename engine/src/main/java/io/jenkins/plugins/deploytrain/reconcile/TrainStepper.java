package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseAnswer;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseHolder;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.GateResult;
import io.jenkins.plugins.deploytrain.ledger.Lease;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.RevisionConflictException;
import io.jenkins.plugins.deploytrain.ledger.SilenceState;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TerraformPhase;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainSilence;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.terraform.PlanFormatException;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One train as a state machine driven by its host's events, answering with {@link Command}s. It is the one
 * engine path for every host: the CLI runner calls it synchronously, the Jenkins step from its callbacks.
 *
 * <p>Its state is plain data (job, train, worker ids and the attempt in flight), so a host can serialize it
 * at any point, as Jenkins does at a restart; everything else is read back from the ledger on each event.
 * Every transition goes through the ledger's compare-and-set and follows the write-ahead rule: the intent
 * (attempt running, environment leased) is stored before the host is asked to start a body, and the
 * outcome after the body reports back. A lost compare-and-set means another writer was first: the stepper
 * reads again and decides again.
 */
public final class TrainStepper implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String job;
    private final String trainId;
    private final String worker;
    private String inFlightTarget;
    private int inFlightAttempt;
    private boolean ended;
    /** The fleet lease holder this stepper last said it waits for, so it says so once per holder, not per recheck. */
    private String waitingBehind;
    /** Reads the ledger again after each of its own writes, as it did before: the reference the tests compare with. */
    private final boolean rereadAfterWrite;

    /**
     * @param worker who runs the bodies; stays the same across restarts of one host (a Jenkins build, one
     *     CLI process) and differs between hosts, so a successor can tell a live deploy from a lost one
     */
    public TrainStepper(String job, String trainId, String worker) {
        this(job, trainId, worker, false);
    }

    /**
     * The stepper as it was before it decided from its own writes: it reads the whole ledger again after each of
     * them. The baseline of StepperEventBenchmark and the reference of StepperRereadPropertyTest; hosts use the
     * public constructor.
     */
    public static TrainStepper rereadingAfterWrites(String job, String trainId, String worker) {
        return new TrainStepper(job, trainId, worker, true);
    }

    private TrainStepper(String job, String trainId, String worker, boolean rereadAfterWrite) {
        this.job = job;
        this.trainId = trainId;
        this.worker = worker;
        this.rereadAfterWrite = rereadAfterWrite;
    }

    public String trainId() {
        return trainId;
    }

    public String worker() {
        return worker;
    }

    public boolean ended() {
        return ended;
    }

    public List<Command> onStart(StepperPorts p) {
        healFleet(p);
        return advance(p);
    }

    /** After the host restored the stepper from its serialized form: re-arms timers and approval requests. */
    public List<Command> onResume(StepperPorts p) {
        healFleet(p);
        return advance(p);
    }

    /** What a crash between a ledger write and the fleet state's write left is put right, once per start. */
    private void healFleet(StepperPorts p) {
        if (p.fleet().shared() && !ended) {
            p.ledger().load().flatMap(l -> l.train(trainId))
                    .ifPresent(t -> fleet().heal(p, t, inFlightTarget, p.clock().instant()));
        }
    }

    private FleetLeaseKeeper fleet() {
        return new FleetLeaseKeeper(job, trainId, worker);
    }

    public List<Command> onTimer(StepperPorts p) {
        return advance(p);
    }

    /** The host started the deploy process of the body; recorded so a successor can wait for an orphan. */
    public void onProcessStarted(StepperPorts p, String target, int attempt, String handle) {
        write(p, ledger -> ledger.updateTrain(trainId, t -> t.withTarget(target, x -> x.lastAttempt()
                .filter(a -> a.number() == attempt && a.outcome() == AttemptOutcome.RUNNING)
                .map(a -> x.withAttempt(a.withProcess(handle))).orElse(x))));
    }

    public List<Command> onBodyFinished(StepperPorts p, String target, int attempt, BodyOutcome outcome) {
        if (ended) {
            return List.of();
        }
        Instant now = p.clock().instant();
        boolean mine = target.equals(inFlightTarget) && attempt == inFlightAttempt;
        Ledger written = write(p, ledger -> {
            Train train = train(ledger);
            TargetRecord t = train.target(target).orElseThrow();
            if (!current(t, mine, attempt)) {
                return lateResult(ledger, train, target, attempt, now);
            }
            if (outcome.succeeded() && planning(t)) {
                return planFailed(ledger, train, t, attempt, now,
                        "the plan body succeeded but its host handed over no plan (a plan body ends with onPlanReady)");
            }
            Attempt done = t.lastAttempt().orElseThrow().ended(now,
                    outcome.succeeded() ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED, outcome.detail());
            Train next = train.withTarget(target, x -> {
                TargetRecord recorded = x.withAttempt(done);
                return outcome.succeeded()
                        ? recorded.soakingUntil(now.plus(x.waitAfter()))
                        : recorded.withStatus(TargetStatus.FAILED);
            }).audited(new AuditEntry(now, worker, outcome.succeeded() ? "deploy-succeeded" : "deploy-failed", target,
                    "attempt " + attempt + (outcome.detail() == null ? "" : ": " + outcome.detail())));
            return releaseLease(ledger.withTrain(next), t.environment());
        });
        if (mine) {
            inFlightTarget = null;
            giveBackFleetLease(p, written, target, now);
        }
        if (!outcome.succeeded()) {
            tell(p, "deploy of " + target + " failed (attempt " + attempt + ")");
        }
        return advance(p, written);
    }

    /**
     * A plan body succeeded and wrote its plan: the host hands over the plan's text ({@code terraform show -json}
     * output, read from {@code TRAIN_PLAN_JSON}). The plan is read and compared with the train's approved plans,
     * and the result recorded before anything else happens: the target then applies (identical to an approved
     * plan, when the train allows that) or waits for a person with the diff. A plan that cannot be read fails
     * the target, naming the file, line and field.
     */
    public List<Command> onPlanReady(StepperPorts p, String target, int attempt, String planJson) {
        if (ended) {
            return List.of();
        }
        Instant now = p.clock().instant();
        boolean mine = target.equals(inFlightTarget) && attempt == inFlightAttempt;
        Train before = train(p.ledger().load().orElseThrow(() -> new LedgerException(
                "The ledger " + p.ledger().location() + " has no train " + trainId)));
        TargetRecord planned = before.target(target).orElseThrow(() -> new IllegalArgumentException(
                "train " + trainId + " has no target " + target));
        PlanReviewer.Verdict verdict = null;
        String failure = null;
        if (current(planned, mine, attempt) && planning(planned)) {
            String file = p.plans().handoffPath(trainId, target, attempt);
            try {
                verdict = PlanReviewer.review(before, planned, attempt, planJson, file, p.plans(), worker, now);
            } catch (PlanFormatException e) {
                failure = "the plan is not terraform show -json output: " + e.getMessage();
            } catch (IOException e) {
                failure = "the plan could not be kept for later comparisons: " + e.getMessage();
            }
        }
        PlanReviewer.Verdict read = verdict;
        String why = failure;
        Ledger written = write(p, ledger -> {
            Train train = train(ledger);
            TargetRecord t = train.target(target).orElseThrow();
            if (!current(t, mine, attempt) || !planning(t)) {
                return lateResult(ledger, train, target, attempt, now);
            }
            if (read == null) {
                return planFailed(ledger, train, t, attempt, now, why);
            }
            boolean approved = read.review().status().approves();
            Attempt done = t.lastAttempt().orElseThrow().ended(now, AttemptOutcome.SUCCEEDED,
                    "planned " + read.plan().changes() + " changes");
            Train next = train.withTarget(target, x -> x.withAttempt(done)
                    .withTerraform(x.terraform().planned(read.plan(), read.review()))
                    .withStatus(approved ? TargetStatus.PENDING : TargetStatus.AWAITING_APPROVAL))
                    .audited(new AuditEntry(now, worker, approved ? "plan-auto-approved" : "plan-awaiting-review", target,
                            "attempt " + attempt + ": " + read.plan().changes() + " changes"
                                    + (read.review().sameAs() == null ? "" : ", identical to the plan approved for " + read.review().sameAs())));
            return releaseLease(ledger.withTrain(next), t.environment());
        });
        if (mine) {
            inFlightTarget = null;
            giveBackFleetLease(p, written, target, now);
        }
        if (failure != null) {
            tell(p, "plan of " + target + " failed (attempt " + attempt + ")");
        } else if (verdict != null && verdict.review().status().approves()) {
            tell(p, "plan of " + target + " is identical to the plan approved for " + verdict.review().sameAs() + ": applying");
        }
        return advance(p, written);
    }

    public List<Command> onApproval(StepperPorts p, Approval approval) {
        if (ended) {
            return List.of();
        }
        if (!approval.train().equals(trainId)) {
            throw new IllegalArgumentException("approval for train " + approval.train() + " sent to train " + trainId);
        }
        Ledger applied = write(p, ledger -> ledger.updateTrain(trainId, t -> Approvals.apply(t, approval)));
        tell(p, approval.by() + ": " + approval.action().json() + (approval.target() == null ? "" : " " + approval.target()));
        Train approved = train(applied);
        String key = TrainSilence.keyOf(trainId, approved.approvals().lastIndexOf(approval));
        Optional<TrainSilence> intent = approved.silences().stream()
                .filter(s -> s.state() == SilenceState.INTENDED && s.key().equals(key)).findFirst();
        if (intent.isPresent()) {
            silences().silence(p, intent.get(), approval, message -> tell(p, message));
        } else if (approval.silence().isPresent()) {
            tell(p, "nothing silenced: " + (approval.target() == null ? "the train" : approval.target()) + " was not paused by a failed gate");
        }
        return advance(p);
    }

    /** The host stops the train (a Jenkins abort, Ctrl-C): the body in flight is being cancelled by the host. */
    public List<Command> onStop(StepperPorts p, String who, String why) {
        if (ended) {
            return List.of();
        }
        Instant now = p.clock().instant();
        String reason = "stopped by " + who + (why == null || why.isBlank() ? "" : ": " + why);
        write(p, ledger -> {
            Train train = train(ledger);
            if (train.status().finished()) {
                return ledger;
            }
            Ledger next = ledger;
            if (inFlightTarget != null) {
                TargetRecord t = train.target(inFlightTarget).orElseThrow();
                Optional<Attempt> running = t.lastAttempt().filter(a -> a.number() == inFlightAttempt && a.outcome() == AttemptOutcome.RUNNING);
                if (running.isPresent()) {
                    train = train.withTarget(t.id(), x -> x.withAttempt(running.get().ended(now, AttemptOutcome.FAILED, reason))
                            .withStatus(TargetStatus.FAILED));
                    next = releaseLease(next, t.environment());
                }
            }
            return next.withTrain(train.withStatus(TrainStatus.STOPPED, reason, now)
                    .audited(new AuditEntry(now, who, "stop", inFlightTarget, why)));
        });
        ended = true;
        inFlightTarget = null;
        p.ledger().load().flatMap(l -> l.train(trainId)).ifPresent(t -> fleet().releaseAllBut(p, t, null, now));
        tell(p, reason);
        tendSilences(p);
        forgetPlans(p);
        return List.of(new Command.Fail(reason));
    }

    private List<Command> advance(StepperPorts p) {
        return advance(p, null);
    }

    /**
     * @param written the ledger this event just stored, or null: deciding from it is deciding from a read made
     *     the instant after the write (the store's state then), without reading (parsing) the whole ledger again
     */
    private List<Command> advance(StepperPorts p, Ledger written) {
        if (ended) {
            return List.of();
        }
        List<Command> commands = decide(p, written);
        if (ended) {
            tendSilences(p);
        }
        return commands;
    }

    /** Silences are kept on every event: a predecessor's intent finished, what the train moved past expired. */
    private void tendSilences(StepperPorts p) {
        silences().tend(p, message -> tell(p, message));
    }

    private SilenceKeeper silences() {
        return new SilenceKeeper(job, trainId, worker);
    }

    /**
     * Decides and applies until a decision asks the host for something. Each round decides from the ledger the
     * previous round stored, when it stored one: what a compare-and-set returns is the stored state, and any
     * writer in between makes the next compare-and-set fail, after which the ledger is read again. Only a round
     * that stored nothing (or lost) reads it.
     */
    private List<Command> decide(StepperPorts p, Ledger written) {
        Ledger known = rereadAfterWrite ? null : written;
        while (true) {
            Instant now = p.clock().instant();
            Ledger ledger = known != null ? known : p.ledger().load().orElseThrow(() -> new LedgerException(
                    "The ledger " + p.ledger().location() + " has no train " + trainId));
            known = null;
            Train train = train(ledger);
            if (SilenceKeeper.needsTending(train)) {
                // before deciding: a silence the train moved past is expired before the next environment deploys
                tendSilences(p);
                continue;
            }
            if (inFlightTarget != null) {
                if (stillRunning(train)) {
                    return List.of();
                }
                inFlightTarget = null;
            }
            Decision decision = Reconciler.decide(ledger, trainId,
                    new Observations(liveWorkers(ledger, p), p.windows(), p.recheck()), now);
            try {
                Applied applied = apply(p, ledger, train, decision, now);
                if (applied.commands() != null) {
                    return applied.commands();
                }
                known = rereadAfterWrite ? null : applied.stored();
            } catch (RevisionConflictException otherWriterFirst) {
                // read what they wrote and decide again
            }
        }
    }

    /**
     * What applying one decision came to: the commands for the host, or none and the ledger it stored ("decide
     * again").
     */
    private record Applied(List<Command> commands, Ledger stored) {
        static Applied answer(List<Command> commands) {
            return new Applied(commands, null);
        }

        static Applied again(Ledger stored) {
            return new Applied(null, stored);
        }
    }

    /** Applies one decision. */
    private Applied apply(StepperPorts p, Ledger ledger, Train train, Decision decision, Instant now) {
        if (decision instanceof Decision.Deploy d) {
            TargetRecord t = train.target(d.target()).orElseThrow();
            Optional<Applied> held = waitForFleetLease(p, ledger, train, t, now);
            if (held.isPresent()) {
                return held.get();
            }
            return Applied.answer(List.of(startBody(p, ledger, train, t, d.attempt(),
                    t.terraform() == null ? BodyPhase.DEPLOY : BodyPhase.APPLY, now)));
        }
        if (decision instanceof Decision.Plan pl) {
            Optional<Applied> held = waitForFleetLease(p, ledger, train, train.target(pl.target()).orElseThrow(), now);
            if (held.isPresent()) {
                return held.get();
            }
            return Applied.answer(List.of(startBody(p, ledger, train, train.target(pl.target()).orElseThrow(), pl.attempt(),
                    BodyPhase.PLAN, now)));
        }
        if (decision instanceof Decision.Verify v) {
            TargetRecord t = train.target(v.target()).orElseThrow();
            Ledger verifying = ledger;
            if (t.status() != TargetStatus.VERIFYING) {
                verifying = p.ledger().compareAndSet(ledger.revision(), ledger.withTrain(
                        train.withTarget(t.id(), x -> x.withStatus(TargetStatus.VERIFYING))));
            }
            GateRunner.GateVerdict verdict = p.gates().evaluate(t, v.gate(), now);
            if (verdict.pending()) {
                // back to soaking until the gate can tell: the reconciler then schedules a timer, the train never pauses
                Instant recheckAt = verdict.recheckAt().isAfter(now) ? verdict.recheckAt() : now.plus(p.recheck());
                Train waiting = train(verifying).withTarget(t.id(), x -> x.soakingUntil(recheckAt))
                        .audited(new AuditEntry(now, worker, "gate-pending", t.id(), v.gate() + ": " + verdict.reason() + "; again at " + recheckAt));
                return Applied.again(p.ledger().compareAndSet(verifying.revision(), verifying.withTrain(waiting)));
            }
            Train after = train(verifying).withTarget(t.id(), x -> {
                TargetRecord y = x.withGateResult(new GateResult(v.gate(), x.attemptCount(), verdict.passed(), verdict.reason(), now));
                return verdict.passed() ? y : y.withStatus(TargetStatus.PAUSED);
            }).audited(new AuditEntry(now, worker, verdict.passed() ? "gate-passed" : "gate-failed", t.id(),
                    v.gate() + ": " + verdict.reason()));
            Ledger stored = p.ledger().compareAndSet(verifying.revision(), verifying.withTrain(after));
            if (!verdict.passed()) {
                tell(p, "gate " + v.gate() + " failed on " + t.id() + ": " + verdict.reason());
            }
            return Applied.again(stored);
        }
        if (decision instanceof Decision.Promote pr) {
            Ledger promoted = p.ledger().compareAndSet(ledger.revision(), ledger.withTrain(train
                    .withTarget(pr.target(), x -> x.withStatus(TargetStatus.SUCCEEDED))
                    .audited(new AuditEntry(now, worker, "target-succeeded", pr.target(), null))));
            Train after = train(promoted);
            fleet().recordSucceeded(p, after, after.target(pr.target()).orElseThrow(), now);
            return Applied.again(promoted);
        }
        if (decision instanceof Decision.WaitUntil w) {
            return Applied.answer(List.of(new Command.ScheduleTimer(w.until(), w.reason())));
        }
        if (decision instanceof Decision.AwaitApproval a) {
            Train waiting = train;
            if (a.target() != null) {
                TargetRecord t = train.target(a.target()).orElseThrow();
                if (t.status() == TargetStatus.PENDING && t.approvalBefore()) {
                    waiting = waiting.withTarget(t.id(), x -> x.withStatus(TargetStatus.AWAITING_APPROVAL));
                }
            }
            if (waiting.status() == TrainStatus.RUNNING || waiting.status() == TrainStatus.QUEUED) {
                waiting = waiting.withStatus(TrainStatus.AWAITING_APPROVAL, a.reason(), now);
            }
            if (!waiting.equals(train)) {
                p.ledger().compareAndSet(ledger.revision(), ledger.withTrain(waiting
                        .audited(new AuditEntry(now, worker, "awaiting-approval", a.target(), a.reason()))));
                tell(p, "waiting for approval: " + a.reason() + " (" + a.choices().stream().map(c -> c.json()).toList() + ")");
            }
            return Applied.answer(List.of(new Command.AwaitApproval(trainId, a.target(), a.reason(), a.choices())));
        }
        if (decision instanceof Decision.Complete) {
            if (train.status() != TrainStatus.SUCCEEDED) {
                p.ledger().compareAndSet(ledger.revision(), ledger.withTrain(train
                        .withStatus(TrainStatus.SUCCEEDED, null, now)
                        .audited(new AuditEntry(now, worker, "train-succeeded", null, null))));
                tell(p, "train " + trainId + " completed: " + train.service() + " " + train.version());
            }
            ended = true;
            forgetPlans(p);
            fleet().releaseAllBut(p, train, null, now);
            return Applied.answer(List.of(new Command.Complete(train.service() + " " + train.version() + ": "
                    + train.targetsDone() + " of " + train.targets().size() + " targets done")));
        }
        Decision.Fail f = (Decision.Fail) decision;
        ended = true;
        forgetPlans(p);
        fleet().releaseAllBut(p, train, null, now);
        return Applied.answer(List.of(new Command.Fail(f.reason())));
    }

    /** A finished train compares no more plans: the ones kept for it (secrets in clear) go. */
    private void forgetPlans(StepperPorts p) {
        try {
            p.plans().forget(trainId);
        } catch (IOException | RuntimeException e) {
            tell(p, "the plans kept for train " + trainId + " could not all be deleted: " + e.getMessage());
        }
    }

    /**
     * Takes the fleet lease of {@code t}'s environment before its intent is written. When another running job or
     * runner holds it, the train waits: the ledger (the build page's reason) and the console say who holds it, once
     * per holder, and a timer asks again.
     */
    private Optional<Applied> waitForFleetLease(StepperPorts p, Ledger ledger, Train train, TargetRecord t, Instant now) {
        LeaseAnswer answer = fleet().take(p, train, t, now);
        if (answer instanceof LeaseAnswer.Held held) {
            String why = FleetLeaseKeeper.waitingFor(t.id(), held.by());
            LeaseHolder by = held.by().holder();
            String behind = by.job() + "\n" + by.worker() + "\n" + held.by().environment();
            if (!behind.equals(waitingBehind)) {
                p.ledger().compareAndSet(ledger.revision(), ledger.withTrain(train.withStatus(train.status(), why, now)
                        .audited(new AuditEntry(now, worker, "lease-held-elsewhere", t.id(), why))));
                waitingBehind = behind;
                tell(p, why);
            }
            return Optional.of(Applied.answer(List.of(new Command.ScheduleTimer(now.plus(p.recheck()), why))));
        }
        waitingBehind = null;
        ((LeaseAnswer.Taken) answer).takenOver().ifPresent(from -> tell(p, FleetLeaseKeeper.takenOver(from)));
        return Optional.empty();
    }

    private void giveBackFleetLease(StepperPorts p, Ledger written, String target, Instant now) {
        Train train = train(written);
        fleet().giveBack(p, train, train.target(target).orElseThrow(), now);
    }

    /** Writes the intent (attempt running, environment leased), then asks for the body. */
    private Command startBody(StepperPorts p, Ledger ledger, Train train, TargetRecord t, int attempt, BodyPhase phase, Instant now) {
        Train next = train.withTarget(t.id(), x -> {
            TargetRecord y = x;
            Optional<Attempt> orphan = x.lastAttempt().filter(a -> a.outcome() == AttemptOutcome.RUNNING);
            if (orphan.isPresent()) {
                y = y.withAttempt(orphan.get().ended(now, AttemptOutcome.LOST, "worker " + orphan.get().worker() + " is gone"));
            }
            if (phase == BodyPhase.PLAN) {
                y = y.withTerraform(y.terraform().planning());
            }
            return y.withAttempt(Attempt.intent(attempt, now, worker)).withStatus(TargetStatus.DEPLOYING);
        }).audited(new AuditEntry(now, worker, phase == BodyPhase.PLAN ? "plan-intent" : "deploy-intent", t.id(), "attempt " + attempt));
        if (next.status() != TrainStatus.RUNNING || next.reason() != null) {
            // a running train has no reason to show: one it waited for (a lease another job held) is over
            next = next.withStatus(TrainStatus.RUNNING, null, now);
        }
        p.ledger().compareAndSet(ledger.revision(), ledger.withTrain(next)
                .withLease(new Lease(t.environment(), worker, trainId, t.id(), now.plus(p.leaseTime()))));
        inFlightTarget = t.id();
        inFlightAttempt = attempt;
        Map<String, String> env = environment(train, t, attempt);
        if (phase == BodyPhase.PLAN) {
            env.put("TRAIN_PHASE", "plan");
            env.put("TRAIN_PLAN_JSON", p.plans().handoffPath(trainId, t.id(), attempt));
        } else if (phase == BodyPhase.APPLY) {
            env.put("TRAIN_PHASE", "apply");
        }
        return new Command.StartBody(t.id(), attempt, env, t.id(), phase);
    }

    /** The body's report is about the attempt this stepper started and the ledger still runs. */
    private boolean current(TargetRecord t, boolean mine, int attempt) {
        return mine && t.status() == TargetStatus.DEPLOYING && t.lastAttempt()
                .filter(a -> a.number() == attempt && a.outcome() == AttemptOutcome.RUNNING && worker.equals(a.worker()))
                .isPresent();
    }

    private static boolean planning(TargetRecord t) {
        return t.terraform() != null && t.terraform().phase() == TerraformPhase.PLAN;
    }

    private Ledger lateResult(Ledger ledger, Train train, String target, int attempt, Instant now) {
        return ledger.withTrain(train.audited(new AuditEntry(now, worker, "late-result-ignored", target,
                "attempt " + attempt + " ended after the train had moved on")));
    }

    private Ledger planFailed(Ledger ledger, Train train, TargetRecord t, int attempt, Instant now, String why) {
        Attempt failed = t.lastAttempt().orElseThrow().ended(now, AttemptOutcome.FAILED, why);
        Train next = train.withTarget(t.id(), x -> x.withAttempt(failed).withStatus(TargetStatus.FAILED))
                .audited(new AuditEntry(now, worker, "plan-failed", t.id(), "attempt " + attempt + ": " + why));
        return releaseLease(ledger.withTrain(next), t.environment());
    }

    private boolean stillRunning(Train train) {
        return train.target(inFlightTarget)
                .filter(t -> t.status() == TargetStatus.DEPLOYING)
                .flatMap(TargetRecord::lastAttempt)
                .filter(a -> a.number() == inFlightAttempt && a.outcome() == AttemptOutcome.RUNNING && worker.equals(a.worker()))
                .isPresent();
    }

    /** Other workers are asked about; this one is alive only for the body it knows it runs. */
    private Set<String> liveWorkers(Ledger ledger, StepperPorts p) {
        Set<String> named = new HashSet<>();
        ledger.leases().forEach(l -> named.add(l.holder()));
        ledger.trains().stream().filter(t -> !t.status().finished()).flatMap(t -> t.targets().stream())
                .filter(t -> t.status() == TargetStatus.DEPLOYING)
                .forEach(t -> t.lastAttempt().ifPresent(a -> named.add(a.worker())));
        Set<String> live = new HashSet<>();
        for (String w : named) {
            if (w.equals(worker) ? inFlightTarget != null : p.liveness().alive(w)) {
                live.add(w);
            }
        }
        return live;
    }

    private Ledger releaseLease(Ledger ledger, String environment) {
        return ledger.lease(environment).filter(l -> l.holder().equals(worker) && l.train().equals(trainId))
                .map(l -> ledger.withoutLease(environment)).orElse(ledger);
    }

    private Train train(Ledger ledger) {
        return ledger.train(trainId).orElseThrow(() -> new LedgerException("The ledger of " + job + " has no train " + trainId));
    }

    private Ledger write(StepperPorts p, UnaryOperator<Ledger> change) {
        return p.ledger().update(job, change);
    }

    private void tell(StepperPorts p, String message) {
        try {
            p.notifier().notify(train(p.ledger().load().orElseThrow()), message);
        } catch (RuntimeException notifierFailed) {
            // a notification is never worth failing or blocking a train for
        }
    }

    /** The TRAIN_* variables of a body. */
    public static Map<String, String> environment(Train train, TargetRecord t, int attempt) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRAIN_ID", train.id());
        env.put("TRAIN_SERVICE", train.service());
        env.put("TRAIN_VERSION", train.version());
        env.put("TRAIN_TARGET", t.id());
        env.put("TRAIN_ENVIRONMENT", t.environment());
        env.put("TRAIN_PROVIDER", nullToEmpty(t.provider()));
        env.put("TRAIN_REGION", nullToEmpty(t.region()));
        env.put("TRAIN_ZONE", t.zone());
        env.put("TRAIN_TIER", nullToEmpty(t.tier()));
        env.put("TRAIN_ATTEMPT", Integer.toString(attempt));
        return env;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
