package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.console.HyperlinkNote;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.gate.BuildMonitoring;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Hosts one {@link TrainStepper} in a build: each {@link Command} it answers becomes one Jenkins call (a
 * body, a {@link Timer} task, a console line for an approval, the step's end), and each Jenkins event (a
 * body ended, a timer fired, an approval was recorded, the build was aborted or resumed) becomes one
 * stepper event.
 *
 * <p>Stepper events read and write the job's ledger file, so they never run on the CPS VM thread: every
 * one is submitted to {@link Timer}, and they are serialized by this object's monitor. What survives a
 * restart is the stepper (plain data) and the train's texts; the body is resumed by CPS and re-reports
 * through its callback, and timers and approval requests are re-derived from the ledger in {@link #onResume}.
 */
public class DeployTrainStepExecution extends AbstractStepExecutionImpl {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeployTrainStepExecution.class.getName());

    /** Between looks at what nobody announces (another build's deploy, a train ahead in the queue). */
    private static final Duration RECHECK = Duration.ofMinutes(1);

    /** A deploy lease outlives a build that vanished without a trace for this long. */
    private static final Duration LEASE_TIME = Duration.ofHours(12);

    private final transient DeployTrainStep step;

    private TrainDefinition definition;
    private TrainStepper stepper;
    /** The stepper's latest timer, absolute; shown in the status and kept across a restart for the record. */
    private Instant timerAt;

    private transient Future<?> timer;
    private BodyExecution body;
    /** Set when {@link #stop} cancelled a running body, whose callback then ends the step. */
    private boolean stopping;
    private transient PlannedTrain planned;
    /**
     * Built from the train's gates and the global configuration, with credentials resolved for this build;
     * never serialized (it holds keys and HTTP clients): a resumed build builds it again.
     */
    private transient GateRunner gates;

    DeployTrainStepExecution(StepContext context, DeployTrainStep step) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() {
        Timer.get().submit(() -> {
            try {
                begin();
            } catch (Throwable t) {
                getContext().onFailure(forConsole(t));
            }
        });
        return false;
    }

    /** Reads the train from the workspace, admits it into the job's ledger and starts the stepper. */
    private void begin() throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        FilePath workspace = getContext().get(FilePath.class);
        TrainDefinition loaded = load(workspace);
        TrainSpec spec = loaded.spec();
        GatesConfig gateSpecs = loaded.gates();
        BuildMonitoring monitoring = BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run);
        List<String> unmet = monitoring.unmet(gateSpecs);
        if (!unmet.isEmpty()) {
            // like deploy-train run: such a gate would only ever fail, pausing the train at its first target
            throw new AbortException(String.join(
                    "\n", unmet.stream().map(u -> "deployTrain: " + loaded.name() + ": " + u).toList()));
        }
        PlannedTrain plan = PlannedTrain.of(loaded.fleet(), spec);
        Job<?, ?> job = run.getParent();
        JobLedgerStore store = JobLedgerStore.of(job);
        Instant now = Instant.now();
        String who = run.getExternalizableId();
        String version = version(spec, store, job.getFullName(), now);
        AtomicReference<TrainAdmission.Admitted> admitted = new AtomicReference<>();
        store.update(job.getFullName(), ledger -> {
            TrainAdmission.Admitted a = TrainAdmission.admit(
                    ledger,
                    spec.service(),
                    version,
                    gateSpecs.assignTo(plan.targets()),
                    SecondTrainPolicy.SUPERSEDE,
                    who,
                    "build " + run.getFullDisplayName(),
                    now);
            admitted.set(a);
            return a.ledger();
        });
        String trainId = admitted.get().trainId();
        run.addOrReplaceAction(new TrainRunAction(trainId, null));
        logger().println(Messages.DeployTrainStep_starting(
                admitted.get().resumed() ? "continuing" : "starting",
                trainId,
                spec.service(),
                version,
                plan.steps().size()));
        synchronized (this) {
            definition = loaded;
            planned = plan;
            gates = monitoring.gateRunner(gateSpecs);
            stepper = new TrainStepper(job.getFullName(), trainId, who);
        }
        react((s, p) -> s.onStart(p));
    }

    private TrainDefinition load(FilePath workspace) throws IOException, InterruptedException {
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
            FilePath fleetFile = existing(workspace, step.getFleet(), "fleet");
            return TrainDefinition.inline(
                    step.getFleet(), fleetFile.readToString(), step.getService(), step.getVersion());
        }
        FilePath trainFile = existing(workspace, trainPath, "train");
        String trainText = trainFile.readToString();
        String fleetPath = step.getFleet();
        FilePath fleetFile;
        if (fleetPath != null) {
            fleetFile = existing(workspace, fleetPath, "fleet");
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

    private static FilePath existing(FilePath workspace, String path, String what)
            throws IOException, InterruptedException {
        FilePath file = workspace.child(path);
        if (!file.exists()) {
            throw new AbortException(Messages.DeployTrainStep_noFile(what, path, workspace.getRemote()));
        }
        return file;
    }

    /** The fixed version, or for a daily train the version that baked long enough in the primary. */
    private String version(TrainSpec spec, JobLedgerStore store, String job, Instant now)
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
        BakedVersion.Selection selection =
                BakedVersion.select(ledger, selector.environment(), selector.bakedFor(), now);
        if (selection.version().isEmpty()) {
            throw new AbortException(Messages.DeployTrainStep_noVersion(selection.why()));
        }
        logger().println("Deploy Train: " + selection.why());
        return selection.version().get();
    }

    @Override
    public void onResume() {
        if (stepper == null) {
            // the restart came between reading the train and admitting it: nothing was started yet
            getContext().onFailure(new AbortException(Messages.DeployTrainStep_restartedBeforeStart()));
            return;
        }
        Timer.get().submit(() -> react((s, p) -> s.onResume(p)));
    }

    @Override
    public void stop(Throwable cause) {
        Timer.get().submit(() -> {
            boolean bodyRunning;
            synchronized (this) {
                cancelTimer();
                bodyRunning = body != null && !body.isDone();
                recordStop(cause);
                if (bodyRunning) {
                    stopping = true;
                    body.cancel(cause);
                }
            }
            if (!bodyRunning) {
                getContext().onFailure(cause);
            }
            // else the cancelled body's callback ends the step, once the body has really ended
        });
    }

    /** The train's id, once the train is admitted. */
    String trainId() {
        TrainStepper s = stepper;
        return s == null ? null : s.trainId();
    }

    /**
     * Called by {@link TrainRunAction} after it recorded an approval in the ledger: the stepper reads the
     * ledger again and carries on. A build without a live execution picks it up from the ledger when it runs.
     */
    public static void approvalRecorded(String trainId) {
        StepExecution.acceptAll(DeployTrainStepExecution.class, e -> {
            if (trainId.equals(e.trainId())) {
                Timer.get().submit(() -> e.react((s, p) -> s.onTimer(p)));
            }
        });
    }

    private void bodySucceeded(String target, int attempt) {
        Timer.get().submit(() -> react((s, p) -> {
            body = null;
            return s.onBodyFinished(p, target, attempt, BodyOutcome.success());
        }));
    }

    /**
     * A body that failed because the build was aborted (the abort reaches the innermost step, inside the
     * body) or because {@link #stop} cancelled it ends the step: the train stops rather than waiting for
     * a retry. Any other failure is the deploy's, and the stepper decides what follows; that includes a
     * {@code timeout} or a rejected {@code input} inside the body, which interrupt only the body.
     */
    private void bodyFailed(String target, int attempt, Throwable t) {
        Timer.get().submit(() -> {
            boolean ends;
            synchronized (this) {
                body = null;
                ends = stopping || abortsTheBuild(t);
                if (ends && !stopping) {
                    cancelTimer();
                    recordStop(t);
                }
            }
            if (ends) {
                getContext().onFailure(t);
            } else {
                BodyOutcome failed = BodyOutcome.failure(String.valueOf(t.getMessage()));
                react((s, p) -> s.onBodyFinished(p, target, attempt, failed));
            }
        });
    }

    private static boolean abortsTheBuild(Throwable t) {
        return t instanceof FlowInterruptedException interrupted
                && (interrupted.getCauses().isEmpty()
                        || interrupted.getCauses().stream()
                                .anyMatch(c -> c instanceof CauseOfInterruption.UserInterruption));
    }

    private void recordStop(Throwable cause) {
        if (stepper == null) {
            return;
        }
        try {
            stepper.onStop(ports(), who(cause), why(cause));
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not record the stop of " + stepper.trainId(), e);
        }
    }

    /** One stepper event and the Jenkins calls for its commands; serialized, off the CPS VM thread. */
    private synchronized void react(BiFunction<TrainStepper, StepperPorts, List<Command>> event) {
        if (stepper == null) {
            return;
        }
        try {
            if (!getContext().get(Run.class).isBuilding()) {
                // a build killed hard leaves its execution behind: it must not take targets any more
                return;
            }
            for (Command command : event.apply(stepper, ports())) {
                dispatch(command);
            }
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Deploy Train " + stepper.trainId() + " failed", e);
            getContext().onFailure(forConsole(e));
        }
    }

    /**
     * The engine's own errors (a bad fleet or train file, with every problem and its line; a ledger that
     * cannot be read or written) already say all a user needs: the console shows their message, no trace.
     */
    private static Throwable forConsole(Throwable t) {
        if (t instanceof ConfigException || t instanceof PlanException || t instanceof LedgerException) {
            return new AbortException("deployTrain: " + t.getMessage());
        }
        return t;
    }

    private void dispatch(Command command) throws IOException, InterruptedException {
        if (command instanceof Command.StartBody start) {
            logger().println(Messages.DeployTrainStep_deploying(start.displayName(), start.attempt()));
            body = getContext()
                    .newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            getContext().get(EnvironmentExpander.class),
                            EnvironmentExpander.constant(start.environment())))
                    .withDisplayName(start.environment().get("TRAIN_ENVIRONMENT") + "/"
                            + start.environment().get("TRAIN_ZONE"))
                    .withCallback(new TargetCallback(this, start.target(), start.attempt()))
                    .start();
        } else if (command instanceof Command.ScheduleTimer wait) {
            logger().println(Messages.DeployTrainStep_waiting(wait.at(), wait.reason()));
            arm(wait.at());
        } else if (command instanceof Command.AwaitApproval ask) {
            Run<?, ?> run = getContext().get(Run.class);
            String page = HyperlinkNote.encodeTo("/" + run.getUrl() + "deploy-train/", "the build page");
            logger().println(Messages.DeployTrainStep_awaiting(
                    ask.reason(),
                    String.join(", ", ask.choices().stream().map(c -> c.json()).toList()),
                    page));
        } else if (command instanceof Command.Complete) {
            cancelTimer();
            Train train = JobLedgerStore.of(getContext().get(Run.class).getParent())
                    .load()
                    .flatMap(l -> l.train(stepper.trainId()))
                    .orElseThrow();
            getContext().onSuccess(new DeployTrainResult(train));
        } else if (command instanceof Command.Fail fail) {
            cancelTimer();
            getContext()
                    .onFailure(new AbortException(Messages.DeployTrainStep_failed(stepper.trainId(), fail.error())));
        }
    }

    private void arm(Instant at) {
        cancelTimer();
        timerAt = at;
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        timer = Timer.get().schedule(() -> react((s, p) -> s.onTimer(p)), delay, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerAt = null;
    }

    private StepperPorts ports() throws IOException, InterruptedException {
        if (planned == null) {
            planned = definition.plan();
        }
        Run<?, ?> run = getContext().get(Run.class);
        if (gates == null) {
            gates = BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run).gateRunner(definition.gates());
        }
        PrintStream log = logger();
        return new StepperPorts(
                JobLedgerStore.of(run.getParent()),
                Clock.systemUTC(),
                gates,
                (train, message) -> log.println("Deploy Train: " + message),
                planned.windows(),
                BuildWorkers::alive,
                RECHECK,
                LEASE_TIME);
    }

    private PrintStream logger() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class).getLogger();
    }

    /** The user who aborted the build, as Jenkins recorded it, else the build itself. */
    private String who(Throwable cause) throws IOException, InterruptedException {
        if (cause instanceof FlowInterruptedException interrupted) {
            for (CauseOfInterruption c : interrupted.getCauses()) {
                if (c instanceof CauseOfInterruption.UserInterruption user) {
                    return user.getUserId();
                }
            }
        }
        return getContext().get(Run.class).getExternalizableId();
    }

    private static String why(Throwable cause) {
        if (cause instanceof FlowInterruptedException interrupted && !interrupted.getCauses().isEmpty()) {
            return interrupted.getCauses().get(0).getShortDescription();
        }
        return String.valueOf(cause.getMessage());
    }

    @Override
    public String getStatus() {
        TrainStepper s = stepper;
        if (s == null) {
            return "reading the train";
        }
        return "train " + s.trainId() + (timerAt == null ? "" : ", waiting until " + timerAt);
    }

    /**
     * Reports one body's end to the execution. It holds the execution itself, as the CPS program
     * serializes both in one graph, so after a restart it reaches the resumed execution.
     */
    private static final class TargetCallback extends BodyExecutionCallback {

        private static final long serialVersionUID = 1L;

        private final DeployTrainStepExecution execution;
        private final String target;
        private final int attempt;

        TargetCallback(DeployTrainStepExecution execution, String target, int attempt) {
            this.execution = execution;
            this.target = target;
            this.attempt = attempt;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            execution.bodySucceeded(target, attempt);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            execution.bodyFailed(target, attempt, t);
        }
    }
}
