package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.SilenceState;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainSilence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The silences of one train, for its {@link TrainStepper}: put after an approval with a silence duration (whose
 * intent {@link Approvals#apply} recorded, whoever took the approval; the target's gates are then evaluated again,
 * under the silence, or it succeeds when nothing could be silenced), expired once the train has moved past the
 * silenced environment or ended. Write-ahead on both sides: the intent ({@code intended}, {@code expiring}) is
 * durable before Alertmanager or Datadog is called, so a successor finishes what a killed process started;
 * problems are audited and told, never fatal.
 */
final class SilenceKeeper {

    private final String job;
    private final String trainId;
    private final String worker;

    SilenceKeeper(String job, String trainId, String worker) {
        this.job = job;
        this.trainId = trainId;
        this.worker = worker;
    }

    /**
     * Silences that are due to expire: every one not yet expired once the train ended, otherwise those of an
     * environment whose targets are all done (the train has moved past it). Pure.
     */
    static List<TrainSilence> dueForExpiry(Train train) {
        return train.silences().stream()
                .filter(s -> s.state() == SilenceState.ACTIVE || s.state() == SilenceState.EXPIRING)
                .filter(s -> train.status().finished() || movedPast(train, s.target()))
                .toList();
    }

    /** Whether a silence waits to be put (a predecessor's intent) or to be expired. Pure. */
    static boolean needsTending(Train train) {
        return train.silences().stream().anyMatch(s -> s.state() == SilenceState.INTENDED) || !dueForExpiry(train).isEmpty();
    }

    private static boolean movedPast(Train train, String targetId) {
        return train.target(targetId).map(t -> train.targets().stream()
                .filter(x -> x.environment().equals(t.environment()))
                .allMatch(x -> x.status().done())).orElse(true);
    }

    /** Finishes every silence a predecessor intended, and expires every one that is due. */
    void tend(StepperPorts p, Consumer<String> tell) {
        Train train = load(p);
        List<TrainSilence> intended = train.silences().stream().filter(s -> s.state() == SilenceState.INTENDED).toList();
        for (TrainSilence s : intended) {
            int index = Integer.parseInt(s.key().substring(s.key().lastIndexOf('-') + 1));
            silence(p, s, train.approvals().get(index), tell);
        }
        for (TrainSilence s : dueForExpiry(intended.isEmpty() ? train : load(p))) {
            expire(p, s, tell);
        }
    }

    /** Asks for the intended silence (or adopts what a killed predecessor created for it) and records what came of it. */
    void silence(StepperPorts p, TrainSilence intent, Approval approval, Consumer<String> tell) {
        Instant now = p.clock().instant();
        TargetRecord target = load(p).target(intent.target()).orElseThrow();
        GateRunner.Silencing done = ask(p, target, intent, approval, now);
        List<TrainSilence> resolved = new ArrayList<>();
        for (GateRunner.Silenced c : done.created()) {
            resolved.add(new TrainSilence(intent.key(), intent.target(), intent.gate(), SilenceState.ACTIVE, c.system(), c.id(), c.scope(),
                    c.until(), null, null));
        }
        String problems = String.join("; ", done.problems());
        if (resolved.isEmpty()) {
            resolved.add(intent.withState(SilenceState.NOTHING, null, problems.isEmpty() ? "nothing was firing" : problems));
        }
        List<AuditEntry> audit = new ArrayList<>();
        done.created().forEach(c -> audit.add(new AuditEntry(now, worker, "silenced", intent.target(),
                c.system() + " " + c.id() + " until " + c.until() + ": " + c.scope())));
        done.problems().forEach(problem -> audit.add(new AuditEntry(now, worker, "silence-problem", intent.target(), problem)));
        p.ledger().update(job, ledger -> {
            Train train = train(ledger);
            if (train.silences().stream().noneMatch(s -> s.key().equals(intent.key()) && s.state() == SilenceState.INTENDED)) {
                return ledger;
            }
            Train next = train.withSilences(intent.key(), resolved);
            boolean reverifying = next.target(intent.target()).filter(t -> t.status() == TargetStatus.VERIFYING).isPresent();
            if (done.created().isEmpty() && reverifying) {
                // nothing to evaluate under: the proceed lets the train past the gate once, as one without a silence
                next = next.withTarget(intent.target(), t -> t.withStatus(TargetStatus.SUCCEEDED))
                        .audited(new AuditEntry(now, worker, "target-succeeded", intent.target(), "proceed without a silence"));
            }
            for (AuditEntry e : audit) {
                next = next.audited(e);
            }
            return ledger.withTrain(next);
        });
        if (done.created().isEmpty()) {
            tell.accept("nothing silenced for " + intent.target() + " (gate " + intent.gate() + "): "
                    + resolved.get(0).note());
        } else {
            done.created().forEach(c -> tell.accept("silenced on " + intent.target() + " until " + c.until() + " (" + c.system() + " "
                    + c.id() + "): " + c.scope()));
            if (!problems.isEmpty()) {
                tell.accept("not everything could be silenced for " + intent.target() + ": " + problems);
            }
        }
    }

    /**
     * The monitoring system is shared between jobs, and train ids are only unique within a job's ledger: the mark a
     * silence carries (and is adopted by) names the job too.
     */
    private GateRunner.Silencing ask(StepperPorts p, TargetRecord target, TrainSilence intent, Approval approval, Instant now) {
        try {
            return p.gates().silence(target, intent.gate(), approval, job + "/" + intent.key(), now);
        } catch (RuntimeException e) {
            return new GateRunner.Silencing(List.of(), List.of("silencing gate " + intent.gate() + " failed: " + e.getMessage()));
        }
    }

    private void expire(StepperPorts p, TrainSilence s, Consumer<String> tell) {
        Instant now = p.clock().instant();
        if (s.until() != null && !s.until().isAfter(now)) {
            record(p, s, s.withState(SilenceState.EXPIRED, s.until(), null),
                    new AuditEntry(now, worker, "silence-expired", s.target(), s.system() + " " + s.id() + " ended by itself at " + s.until()));
            return;
        }
        TrainSilence expiring = s.withState(SilenceState.EXPIRING, null, null);
        if (s.state() == SilenceState.ACTIVE) {
            record(p, s, expiring, new AuditEntry(now, worker, "silence-expiring", s.target(), s.system() + " " + s.id()));
        }
        List<String> problems;
        try {
            problems = p.gates().expire(new GateRunner.Silenced(s.system(), s.id(), s.scope(), s.until()));
        } catch (RuntimeException e) {
            problems = List.of("expiring " + s.system() + " silence " + s.id() + " failed: " + e.getMessage());
        }
        Instant at = p.clock().instant();
        if (problems.isEmpty()) {
            record(p, expiring, s.withState(SilenceState.EXPIRED, at, null),
                    new AuditEntry(at, worker, "silence-expired", s.target(), s.system() + " " + s.id()));
            tell.accept("expired the silence on " + s.target() + " (" + s.system() + " " + s.id() + ")");
        } else {
            String why = String.join("; ", problems);
            record(p, expiring, s.withState(SilenceState.EXPIRE_FAILED, null, why + "; it ends by itself at " + s.until()),
                    new AuditEntry(at, worker, "silence-expire-failed", s.target(), s.system() + " " + s.id() + ": " + why));
            tell.accept("could not expire the silence on " + s.target() + " (" + s.system() + " " + s.id() + "): " + why
                    + "; it ends by itself at " + s.until());
        }
    }

    /** Records the silence's next state if it still is as this process last saw it. */
    private void record(StepperPorts p, TrainSilence seen, TrainSilence next, AuditEntry entry) {
        p.ledger().update(job, ledger -> {
            Train train = train(ledger);
            boolean unchanged = train.silences().stream().anyMatch(x -> x.key().equals(seen.key())
                    && Objects.equals(x.id(), seen.id()) && x.state() == seen.state());
            return unchanged ? ledger.withTrain(train.withSilence(next).audited(entry)) : ledger;
        });
    }

    private Train load(StepperPorts p) {
        return train(p.ledger().load().orElseThrow(() -> new LedgerException("The ledger " + p.ledger().location() + " has no train " + trainId)));
    }

    private Train train(Ledger ledger) {
        return ledger.train(trainId).orElseThrow(() -> new LedgerException("The ledger of " + job + " has no train " + trainId));
    }
}
