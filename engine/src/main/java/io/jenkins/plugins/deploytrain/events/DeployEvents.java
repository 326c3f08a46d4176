package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events one write made to a train: its audit entries appended since {@code before} (the log only grows),
 * and its status change. Costs the new entries, not the train's size, except where a pause names its target.
 * Pure.
 */
public final class DeployEvents {
    private static final Pattern ATTEMPT = Pattern.compile("^attempt (\\d+)");

    private DeployEvents() {}

    /**
     * @param before the train as last seen, null when it is new
     * @param after the train as stored now
     */
    public static List<DeployEvent> between(String job, Train before, Train after) {
        if (before == after) {
            return List.of();
        }
        DeployEvent.Release release = new DeployEvent.Release(job, after.id(), after.service(), after.version());
        List<DeployEvent> out = new ArrayList<>();
        List<AuditEntry> audit = after.audit();
        int from = before == null || before.audit().size() > audit.size() ? 0 : before.audit().size();
        boolean started = false;
        for (AuditEntry entry : audit.subList(from, audit.size())) {
            DeployEvent event = fromEntry(release, after, entry);
            if (event != null) {
                started |= event instanceof DeployEvent.TrainStarted;
                out.add(event);
            }
        }
        TrainStatus was = before == null ? null : before.status();
        TrainStatus now = after.status();
        if (was != now) {
            Instant at = audit.isEmpty() ? after.created() : audit.get(audit.size() - 1).at();
            if (was == TrainStatus.QUEUED && now != TrainStatus.QUEUED && !now.finished() && !started) {
                out.add(new DeployEvent.TrainStarted(release, at, after.by(), "left the queue"));
            }
            if (now == TrainStatus.PAUSED || now == TrainStatus.AWAITING_APPROVAL) {
                DeployEvent.Place place = after.targets().stream()
                        .filter(t -> t.status() == TargetStatus.PAUSED || t.status() == TargetStatus.AWAITING_APPROVAL
                                || t.status() == TargetStatus.FAILED)
                        .findFirst().map(DeployEvents::place).orElse(null);
                out.add(new DeployEvent.Paused(release, at, place, now, after.reason()));
            }
            if (now.finished() && (was == null || !was.finished())) {
                out.add(new DeployEvent.TrainEnded(release, after.finished() != null ? after.finished() : at, now, after.reason()));
            }
        }
        return out;
    }

    private static DeployEvent fromEntry(DeployEvent.Release release, Train train, AuditEntry e) {
        String what = e.what() == null ? "" : e.what();
        Optional<TargetRecord> target = e.target() == null ? Optional.empty() : train.target(e.target());
        switch (what) {
            case "train-started":
                return new DeployEvent.TrainStarted(release, e.at(), e.who(), e.why());
            case "deploy-intent":
                return target.map(t -> new DeployEvent.TargetStarted(release, e.at(), place(t), attempt(e, t))).orElse(null);
            case "deploy-succeeded":
            case "deploy-failed":
                return target.map(t -> {
                    int number = attempt(e, t);
                    Optional<Attempt> attempt = t.attempts().stream().filter(a -> a.number() == number).findFirst();
                    Duration duration = attempt.filter(a -> a.started() != null && a.ended() != null)
                            .map(a -> Duration.between(a.started(), a.ended())).orElse(null);
                    AttemptOutcome outcome = what.equals("deploy-succeeded") ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED;
                    return (DeployEvent) new DeployEvent.TargetEnded(release, e.at(), place(t), number, outcome, duration,
                            attempt.map(Attempt::detail).orElse(null));
                }).orElse(null);
            default:
                if (what.startsWith("approval:")) {
                    Duration silence = train.approvals().stream()
                            .filter(a -> a.at().equals(e.at()) && a.by().equals(e.who()) && Objects.equals(a.target(), e.target()))
                            .reduce((first, second) -> second).map(Approval::silenceFor).orElse(null);
                    return new DeployEvent.Approved(release, e.at(), target.map(DeployEvents::place).orElse(null), e.who(),
                            what.substring("approval:".length()), silence, e.why());
                }
                return null;
        }
    }

    static DeployEvent.Place place(TargetRecord t) {
        return new DeployEvent.Place(t.environment(), t.zone(), t.tier());
    }

    /** The attempt an entry is about: its text says "attempt N"; the target's newest when it does not. */
    private static int attempt(AuditEntry e, TargetRecord t) {
        if (e.why() != null) {
            Matcher m = ATTEMPT.matcher(e.why());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return t.attemptCount();
    }
}
