package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.baked.BakedVersionSource;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseScope;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.events.TrainPublishing;
import io.jenkins.plugins.deploytrain.jenkins.gate.BuildMonitoring;
import io.jenkins.plugins.deploytrain.jenkins.notify.SlackSetup;
import io.jenkins.plugins.deploytrain.jenkins.notify.TrainSlack;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import jenkins.model.Jenkins;

/**
 * A train step's start and its return after a restart: reads the train, admits it into the job's ledger, gives it
 * its page in the build, and connects its stepper to the job's ledger, gates and Slack.
 */
final class TrainOpening {
    private TrainOpening() {}

    /** An admitted train, ready to run. */
    record Opened(TrainDefinition definition, TrainStepper stepper, Hosted hosted) {}

    /** The stepper's ports and the train's Slack thread (null without Slack). */
    record Hosted(StepperPorts ports, TrainSlack slack) {}

    /**
     * @param stopped asked under the ledger's lock, just before admission: a stop that came first wins
     * @return empty when the step was stopped before the train was admitted
     */
    static Optional<Opened> open(
            DeployTrainStep step, Run<?, ?> run, FilePath workspace, PrintStream log, BooleanSupplier stopped)
            throws IOException, InterruptedException {
        TrainFileLoader files = new TrainFileLoader(step, workspace);
        TrainDefinition loaded = files.load();
        TrainSpec spec = loaded.spec();
        GatesConfig gateSpecs = loaded.gates();
        BuildMonitoring monitoring = BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run);
        List<String> unmet = monitoring.unmet(gateSpecs);
        if (!unmet.isEmpty()) {
            // like deploy-train run: such a gate would only ever fail, pausing the train at its first target
            throw new AbortException(String.join(
                    "\n",
                    unmet.stream()
                            .map(u -> "deployTrain: " + loaded.name() + ": " + u)
                            .toList()));
        }
        Optional<String> versionFromUnmet = spec.versionFrom()
                .flatMap(from -> BakedVersionSource.unmet(from, monitoring.endpoints(), monitoring::configureOrWhy));
        if (versionFromUnmet.isPresent()) {
            throw new AbortException("deployTrain: " + versionFromUnmet.get());
        }
        Optional<SlackSetup> slackSetup = SlackSetup.resolve(
                step.getSlackChannel(),
                step.getSlackCredentialsId(),
                loaded.slack(),
                DeployTrainGlobalConfiguration.get(),
                run);
        PlannedTrain plan = PlannedTrain.of(loaded.fleet(), spec);
        Job<?, ?> job = run.getParent();
        JobLedgerStore store = JobLedgerStore.of(job);
        Instant now = Instant.now();
        String who = run.getExternalizableId();
        String version = TrainFileLoader.version(spec, loaded.fleet(), monitoring, store, job.getFullName(), now, log);
        List<TargetRecord> targets = files.targets(loaded, gateSpecs.assignTo(plan.targets()));
        AtomicReference<TrainAdmission.Admitted> admitted = new AtomicReference<>();
        // through the publishing store: the train's start is an event too
        TrainPublishing.store(store, run, log).update(job.getFullName(), ledger -> {
            if (stopped.getAsBoolean()) {
                return ledger;
            }
            TrainAdmission.Admitted a = TrainAdmission.admit(
                    ledger,
                    spec.service(),
                    version,
                    targets,
                    SecondTrainPolicy.SUPERSEDE,
                    who,
                    "build " + run.getFullDisplayName(),
                    now);
            admitted.set(a);
            return a.ledger();
        });
        if (admitted.get() == null) {
            return Optional.empty();
        }
        String trainId = admitted.get().trainId();
        TrainRunAction.attach(run, trainId, approvers(loaded));
        log.println(Messages.DeployTrainStep_starting(
                admitted.get().resumed() ? "continuing" : "starting",
                trainId,
                spec.service(),
                version,
                plan.steps().size()));
        TrainSlack slack = slackSetup
                .map(setup -> TrainSlack.open(setup, job, link(run), log::println))
                .orElse(null);
        StepperPorts ports = TrainPorts.assemble(
                run,
                plan,
                monitoring.gateRunner(gateSpecs),
                log,
                slack,
                terraformWorkspace(step, workspace),
                LeaseScope.read(spec.section("exclusive")));
        return Optional.of(new Opened(
                loaded, new TrainStepper(job.getFullName(), trainId, who), new Hosted(ports, slack)));
    }

    /**
     * After a restart: the gates with this build's credentials and the same Slack channel and token as when the
     * build started, resolved again (neither is ever kept). A Slack that can no longer be used costs the thread.
     */
    static Hosted reopen(
            TrainDefinition definition,
            String slackChannel,
            String slackCredentialsId,
            Run<?, ?> run,
            FilePath terraformWorkspace,
            PrintStream log) {
        TrainSlack slack;
        try {
            slack = SlackSetup.resolve(
                            slackChannel,
                            slackCredentialsId,
                            definition.slack(),
                            DeployTrainGlobalConfiguration.get(),
                            run)
                    .map(setup -> TrainSlack.open(setup, run.getParent(), link(run), log::println))
                    .orElse(null);
        } catch (AbortException e) {
            log.println(Messages.DeployTrainStep_slackUnavailable(e.getMessage()));
            slack = null;
        }
        StepperPorts ports = TrainPorts.assemble(
                run,
                definition.plan(),
                BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run).gateRunner(definition.gates()),
                log,
                slack,
                terraformWorkspace,
                LeaseScope.read(definition.spec().section("exclusive")));
        return new Hosted(ports, slack);
    }

    private static FilePath terraformWorkspace(DeployTrainStep step, FilePath workspace) {
        return step instanceof TerraformTrainStep ? workspace : null;
    }

    /** The train file's approvers (names and groups), or null to leave it to the global list. */
    private static ApproverList approvers(TrainDefinition loaded) {
        var approvers = loaded.slack().approvers();
        List<String> names = new ArrayList<>(approvers.names());
        names.addAll(approvers.groups());
        names.sort(null);
        return names.isEmpty() ? null : new ApproverList(names);
    }

    /** The build's page, for the Slack thread's root message; empty when Jenkins does not know its own URL. */
    private static String link(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? "" : root + run.getUrl();
    }
}
