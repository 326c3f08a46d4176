package io.jenkins.plugins.deploytrain.ui;

import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.Decision;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.Observations;
import io.jenkins.plugins.deploytrain.reconcile.Reconciler;
import io.jenkins.plugins.deploytrain.reconcile.WorkerLiveness;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The question a train waits on, for a page: asked of the reconciler, so every host's page offers exactly
 * the choices the train's runner will accept, even when that runner is not alive to say it.
 */
public final class OpenQuestion {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private OpenQuestion() {}

    /**
     * @param windows the train's deploy windows; a page without them may pass {@link DeployWindows#ALWAYS_OPEN},
     *     since a window only decides when a target deploys, never whether a person is asked
     * @return the open question, or null when the train waits for nobody
     */
    public static ViewModel.Awaiting of(Ledger ledger, Train train, DeployWindows windows, WorkerLiveness liveness,
            Instant now, List<String> silenceDurations) {
        if (train.status().finished()) {
            return null;
        }
        Decision decision = Reconciler.decide(ledger, train.id(), new Observations(liveWorkers(ledger, liveness), windows, RECHECK), now);
        return decision instanceof Decision.AwaitApproval question ? ViewModel.Awaiting.of(question, silenceDurations) : null;
    }

    /** The workers named in the ledger that still run: a live runner's deploy in flight is not an orphan to a page. */
    private static Set<String> liveWorkers(Ledger ledger, WorkerLiveness liveness) {
        Set<String> live = new HashSet<>();
        ledger.leases().forEach(l -> live.add(l.holder()));
        ledger.trains().stream().flatMap(t -> t.targets().stream()).filter(t -> t.status() == TargetStatus.DEPLOYING)
                .forEach(t -> t.lastAttempt().ifPresent(a -> live.add(a.worker())));
        live.removeIf(w -> w == null || !liveness.alive(w));
        return live;
    }
}
