package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.deploytrain.baked.BakedVersionSource;
import io.jenkins.plugins.deploytrain.jenkins.fleet.ControllerFleetState;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.jenkins.gate.BuildMonitoring;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import io.jenkins.plugins.deploytrain.reconcile.TerraformTargets;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads what a {@code deployTrain} step names from the workspace: its train and fleet, its version, its targets. */
final class TrainFileLoader {

    private final DeployTrainStep step;
    private final FilePath workspace;

    TrainFileLoader(DeployTrainStep step, FilePath workspace) {
        this.step = step;
        this.workspace = workspace;
    }

    /** The train file and its fleet, or the inline service, version and fleet. */
    TrainDefinition load() throws IOException, InterruptedException {
        String trainPath = step.getTrain();
        if (trainPath == null && (step.getService() == null || step.getVersion() == null)) {
            throw new AbortException(Messages.DeployTrainStep_needsTrainOrService());
        }
        if (trainPath != null && step.getService() != null) {
            throw new AbortException(Messages.DeployTrainStep_trainAndService(trainPath, step.getService()));
        }
        if (trainPath == null) {
            if (step.getFleet() == null) {
                throw new AbortException(Messages.DeployTrainStep_needsFleet("arguments"));
            }
            FilePath fleetFile = existing(step.getFleet(), "fleet");
            return TrainDefinition.inline(
                    step.getFleet(), fleetFile.readToString(), step.getService(), step.getVersion());
        }
        FilePath trainFile = existing(trainPath, "train");
        String trainText = trainFile.readToString();
        String fleetPath = step.getFleet();
        FilePath fleetFile;
        if (fleetPath != null) {
            fleetFile = existing(fleetPath, "fleet");
        } else {
            String named = TrainDefinition.namedFleet(trainPath, trainText);
            if (named.isEmpty()) {
                throw new AbortException(Messages.DeployTrainStep_needsFleet(trainPath));
            }
            FilePath dir = trainFile.getParent();
            fleetFile = (dir == null ? workspace : dir).child(named);
            fleetPath = fleetFile.getRemote();
            if (!fleetFile.exists()) {
                throw new AbortException(Messages.DeployTrainStep_noFile("fleet", named, workspace.getRemote()));
            }
        }
        return TrainDefinition.fromFile(fleetPath, fleetFile.readToString(), trainPath, trainText);
    }

    private FilePath existing(String path, String what) throws IOException, InterruptedException {
        FilePath file = workspace.child(path);
        if (!file.exists()) {
            throw new AbortException(Messages.DeployTrainStep_noFile(what, path, workspace.getRemote()));
        }
        return file;
    }

    /**
     * The fixed version, or for a daily train the version that baked long enough in the primary: by the job's
     * ledger, or by the monitoring system when {@code versionFrom} has a query (a blocking HTTP call: the
     * caller runs on the plugin's pool, never on the CPS VM thread or Timer).
     */
    static String version(
            TrainSpec spec,
            Fleet fleet,
            BuildMonitoring monitoring,
            JobLedgerStore store,
            String job,
            Instant now,
            PrintStream log)
            throws IOException, InterruptedException {
        if (spec.version().isPresent()) {
            return spec.version().get();
        }
        Ledger ledger = store.load().orElseGet(() -> Ledger.empty(job));
        Optional<Train> rolling = ledger.unfinished().stream()
                .filter(t -> t.service().equals(spec.service()))
                .findFirst();
        if (rolling.isPresent()) {
            // a daily train that was interrupted continues with the version it chose
            return rolling.get().version();
        }
        var selector = spec.versionFrom().orElseThrow();
        BakedVersion.Selection selection = BakedVersionSource.select(
                ledger,
                ControllerFleetState.get().read(),
                selector,
                spec.service(),
                fleet,
                monitoring.endpoints(),
                now);
        if (selection.version().isEmpty()) {
            throw new AbortException(Messages.DeployTrainStep_noVersion(selection.why()));
        }
        log.println("Deploy Train: " + selection.why());
        return selection.version().get();
    }

    /** The plan's targets; for a terraform train with the tokens of each target's plans. */
    List<TargetRecord> targets(TrainDefinition loaded, List<TargetRecord> planned) throws AbortException {
        if (!(step instanceof TerraformTrainStep tf)) {
            return planned;
        }
        try {
            return TerraformTargets.of(loaded.fleet(), planned, tf.getTokens(), tf.isAutoApproveIdenticalPlans());
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.TerraformTrainStep_badTokens(e.getMessage()));
        }
    }
}
