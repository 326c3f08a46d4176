package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseScope;
import io.jenkins.plugins.deploytrain.jenkins.events.TrainPublishing;
import io.jenkins.plugins.deploytrain.jenkins.fleet.ControllerFleetState;
import io.jenkins.plugins.deploytrain.jenkins.fleet.HolderLinks;
import io.jenkins.plugins.deploytrain.jenkins.notify.TrainSlack;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.reconcile.DirectoryPlanArchive;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.Notifier;
import io.jenkins.plugins.deploytrain.reconcile.PlanArchive;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import java.io.File;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * What a train's stepper reaches in Jenkins: the job's ledger (publishing its metrics and events as configured), its
 * gates, the console and Slack, the build workers, and the controller's fleet state shared with every other job.
 */
final class TrainPorts {
    private TrainPorts() {}

    /** Between looks at what nobody announces (another build's deploy, a train ahead in the queue). */
    static final Duration RECHECK = Duration.ofMinutes(1);

    /** A deploy lease outlives a build that vanished without a trace for this long. */
    static final Duration LEASE_TIME = Duration.ofHours(12);

    /**
     * @param slack the train's Slack thread, null without one
     * @param workspace where a terraform train's plan bodies write their plans; null for a deploy train
     * @param leases what the train's fleet leases cover (its file's {@code exclusive})
     */
    static StepperPorts assemble(
            Run<?, ?> run,
            PlannedTrain planned,
            GateRunner gates,
            PrintStream log,
            TrainSlack slack,
            FilePath workspace,
            LeaseScope leases) {
        Notifier notifier = (train, message) -> {
            log.println("Deploy Train: " + HolderLinks.linked(message));
            if (slack != null) {
                slack.notifier().notify(train, message);
            }
        };
        return new StepperPorts(
                TrainPublishing.store(JobLedgerStore.of(run.getParent()), run, log),
                Clock.systemUTC(),
                gates,
                notifier,
                planned.windows(),
                BuildWorkers.of(run.getParent()),
                RECHECK,
                LEASE_TIME,
                workspace == null ? PlanArchive.NONE : plans(run, workspace))
                .withFleet(ControllerFleetState.ports(leases));
    }

    /**
     * Plan bodies write to {@code .deploy-train/plans/} in the workspace (an absolute path, so a body may change
     * directory); the plans read are kept in the job's folder, next to its ledger, for later diffs.
     */
    private static PlanArchive plans(Run<?, ?> run, FilePath workspace) {
        return new DirectoryPlanArchive(
                new File(run.getParent().getRootDir(), "deploy-train/plans").toPath(),
                workspace.child(".deploy-train/plans").getRemote());
    }
}
