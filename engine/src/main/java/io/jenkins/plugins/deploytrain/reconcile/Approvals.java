package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.GateResult;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainSilence;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What an approval does to a train. Pure; an approval that does not fit the train's state is refused with the reason. */
public final class Approvals {
    private Approvals() {}

    private static final Set<TargetStatus> STUCK = EnumSet.of(TargetStatus.FAILED, TargetStatus.PAUSED, TargetStatus.AWAITING_APPROVAL);

    public static Train apply(Train train, Approval a) {
        if (train.status().finished()) {
            throw new IllegalArgumentException("train " + train.id() + " is " + train.status().json() + "; nothing to approve");
        }
        Train changed = a.target() == null ? onTrain(train, a) : onTarget(train, a);
        if (changed.status() == TrainStatus.AWAITING_APPROVAL) {
            changed = changed.withStatus(TrainStatus.RUNNING, null, a.at());
        }
        Train approved = changed.withApproval(a).audited(new AuditEntry(a.at(), a.by(), "approval:" + a.action().json(), a.target(), a.reason()));
        return silenceIntent(train, approved, a);
    }

    /**
     * A {@code proceed} with a silence duration on a target a failed gate paused also records the intent to silence
     * that gate, in the same write as the approval: the train's stepper puts the silence (whichever host took the
     * approval: the stepper itself, {@code deploy-train approve}, a served page, the Jenkins build page). The target
     * goes back to verifying rather than succeeded: its gates are evaluated again once the silence is on.
     */
    private static Train silenceIntent(Train before, Train approved, Approval a) {
        Optional<String> gate = a.silence().isPresent() && a.target() != null
                ? before.target(a.target()).flatMap(Approvals::pausedBy) : Optional.empty();
        if (gate.isEmpty()) {
            return approved;
        }
        String key = TrainSilence.keyOf(before.id(), approved.approvals().size() - 1);
        return approved.withTarget(a.target(), x -> x.withStatus(TargetStatus.VERIFYING))
                .withSilences(key, List.of(TrainSilence.intent(key, a.target(), gate.get(), a.at().plus(a.silenceFor()))))
                .audited(new AuditEntry(a.at(), a.by(), "silence-intent", a.target(),
                        gate.get() + " for " + Durations.format(a.silenceFor()) + " (" + key + ")"));
    }

    /** The gate whose failure paused the target on its current attempt. */
    static Optional<String> pausedBy(TargetRecord t) {
        if (t.status() != TargetStatus.PAUSED) {
            return Optional.empty();
        }
        return t.gateResults().stream().filter(r -> !r.passed() && r.attempt() == t.attemptCount())
                .reduce((first, second) -> second).map(GateResult::gate);
    }

    private static Train onTrain(Train train, Approval a) {
        return switch (a.action()) {
            case PAUSE -> train.withStatus(TrainStatus.PAUSED, "paused by " + a.by() + reason(a), a.at());
            case RESUME, PROCEED -> {
                if (train.status() != TrainStatus.PAUSED) {
                    throw new IllegalArgumentException("train " + train.id() + " is " + train.status().json() + ", not paused; "
                            + a.action().json() + " needs a target (--target ENV/ZONE)");
                }
                yield train.withStatus(TrainStatus.RUNNING, null, a.at());
            }
            case ABORT -> train.withStatus(TrainStatus.FAILED, "aborted by " + a.by() + reason(a), a.at());
            default -> throw new IllegalArgumentException(a.action().json() + " needs a target (--target ENV/ZONE)");
        };
    }

    private static Train onTarget(Train train, Approval a) {
        TargetRecord t = train.target(a.target()).orElseThrow(() -> new IllegalArgumentException(
                "train " + train.id() + " has no target " + a.target() + "; its targets are " + train.targets().stream().map(TargetRecord::id).toList()));
        ApprovalAction action = a.action();
        boolean pendingApproval = t.status() == TargetStatus.PENDING && t.approvalBefore();
        return switch (action) {
            case PROCEED -> {
                if (t.status() == TargetStatus.AWAITING_APPROVAL && t.terraform() != null && t.terraform().awaitingReview()) {
                    // the plan becomes an approved plan: later targets with the same plan need nobody
                    yield train.withTarget(t.id(), x -> x.withTerraform(x.terraform().approvedBy(a.by(), a.at()))
                            .withStatus(TargetStatus.PENDING));
                }
                if (t.status() == TargetStatus.PAUSED) {
                    yield train.withTarget(t.id(), x -> x.withStatus(TargetStatus.SUCCEEDED));
                }
                require(t, pendingApproval || t.status() == TargetStatus.AWAITING_APPROVAL, action, "awaiting approval or paused by a gate");
                yield train.withTarget(t.id(), x -> x.approved().withStatus(TargetStatus.PENDING));
            }
            case RETRY -> {
                if (t.terraform() != null) {
                    require(t, t.status() == TargetStatus.FAILED || t.status() == TargetStatus.PAUSED || t.terraform().awaitingReview(),
                            action, "failed, paused by a gate or waiting with its plan");
                    // a terraform target retries from its plan: what it would apply is reviewed again
                    yield train.withTarget(t.id(), x -> x.withTerraform(x.terraform().replan()).withStatus(TargetStatus.PENDING));
                }
                require(t, t.status() == TargetStatus.FAILED || t.status() == TargetStatus.PAUSED, action, "failed or paused by a gate");
                yield train.withTarget(t.id(), x -> x.withStatus(TargetStatus.PENDING));
            }
            case SKIP -> {
                require(t, STUCK.contains(t.status()) || t.status() == TargetStatus.PENDING, action, "pending, failed, paused or awaiting approval");
                yield train.withTarget(t.id(), x -> x.withStatus(TargetStatus.SKIPPED));
            }
            case MARK_SUCCEEDED -> {
                require(t, STUCK.contains(t.status()), action, "failed, paused or awaiting approval");
                yield train.withTarget(t.id(), x -> x.withStatus(TargetStatus.SUCCEEDED));
            }
            case ABORT -> train.withStatus(TrainStatus.FAILED, "aborted by " + a.by() + " at " + t.id() + reason(a), a.at());
            case PAUSE, RESUME -> onTrain(train, new Approval(a.train(), null, action, a.by(), a.reason(), a.at()));
        };
    }

    private static void require(TargetRecord t, boolean ok, ApprovalAction action, String states) {
        if (!ok) {
            throw new IllegalArgumentException("target " + t.id() + " is " + t.status().json() + "; " + action.json()
                    + " applies only to a target that is " + states);
        }
    }

    private static String reason(Approval a) {
        return a.reason() == null || a.reason().isBlank() ? "" : ": " + a.reason();
    }
}
