package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.approval.SilenceRequest;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.Approvals;
import java.io.PrintWriter;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deploy-train approve}: a person's decision about a train, recorded in its ledger's audit log. */
@Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = {
            "Records a decision about a waiting or running train: proceed, retry, skip, mark-succeeded, pause, resume or abort. "
                    + "Then run the train again to continue.",
            "Exit status: 0 recorded, 2 refused (the message says why), 4 damaged ledger."
        })
final class ApproveCommand implements Callable<Integer> {

    private static final Set<TargetStatus> WAITING = EnumSet.of(TargetStatus.FAILED, TargetStatus.PAUSED, TargetStatus.AWAITING_APPROVAL);

    @Mixin
    StateOptions state;

    @Option(names = "--train", required = true, paramLabel = "ID", description = "The train (see deploy-train status).")
    String trainId;

    @Option(names = "--target", paramLabel = "ENV[/ZONE]",
            description = "The target; an environment alone means its zone that waits. Omit for pause, resume or abort of the train.")
    String target;

    @Option(names = "--action", required = true, paramLabel = "ACTION",
            description = "proceed, retry, skip, mark-succeeded, pause, resume or abort.")
    String action;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who decides (kept in the audit log).")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit log).")
    String reason;

    @Option(names = "--silence", paramLabel = "DURATION",
            description = "With proceed: silence what the failed gate saw firing for this long, e.g. 2h (an Alertmanager silence, "
                    + "a Datadog downtime), put by the next run.")
    String silence;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ApprovalAction parsed;
        try {
            parsed = ApprovalAction.parse(action);
        } catch (IllegalArgumentException e) {
            err.println("approve: --action " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Duration silenceDuration;
        try {
            silenceDuration = SilenceRequest.read(silence, parsed);
        } catch (SilenceRequest.Refused refused) {
            err.println(switch (refused.problem()) {
                case NOT_A_POSITIVE_DURATION -> "approve: --silence must be a positive duration like 10m or 2h, not '" + silence + "'";
                case NOT_WITH_THIS_ACTION -> "approve: --silence goes only with --action proceed, not " + parsed.json();
            });
            return ExitCodes.BAD_INPUT;
        }
        FileLedgerStore store = state.store();
        if (!state.usable(store, err, "approve")) {
            return ExitCodes.LEDGER_DAMAGED;
        }
        Optional<Ledger> ledger = store.load();
        if (ledger.isEmpty()) {
            err.println("approve: no ledger in " + state.dir);
            return ExitCodes.BAD_INPUT;
        }
        try {
            store.update(ledger.get().job(), l -> {
                Train train = l.train(trainId).orElseThrow(() -> new IllegalArgumentException("no train " + trainId + " in "
                        + store.file() + "; its trains are " + l.trains().stream().map(Train::id).toList()));
                Approval approval = new Approval(trainId, targetId(train), parsed, by, reason, Instant.now(), silenceDuration);
                return l.withTrain(Approvals.apply(train, approval));
            });
        } catch (IllegalArgumentException refused) {
            err.println("approve: " + refused.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        out.println("recorded: " + by + " " + parsed.json() + (target == null ? "" : " " + target) + " on train " + trainId
                + (silenceDuration == null ? "" : " with a silence of " + Durations.format(silenceDuration))
                + "; run the train again to continue");
        out.flush();
        return ExitCodes.COMPLETED;
    }

    /** ENV/ZONE as given; ENV alone: the one zone of that environment that waits for a person. */
    private String targetId(Train train) {
        if (target == null || target.contains("/")) {
            return target;
        }
        List<TargetRecord> open = train.targets().stream()
                .filter(t -> t.environment().equals(target) && WAITING.contains(t.status())).toList();
        if (open.size() != 1) {
            throw new IllegalArgumentException("--target " + target + " names " + (open.isEmpty() ? "no" : open.size())
                    + " waiting zone(s) of train " + train.id() + "; give ENV/ZONE"
                    + (open.isEmpty() ? "" : ", one of " + open.stream().map(TargetRecord::id).toList()));
        }
        return open.get(0).id();
    }
}
